import { freeSlotQuery } from './free-slot-search.js';

const now = new Date('2026-12-01T12:00:00Z');
const args = { service: 'Cardiology', from: '2026-12-02T00:00:00Z', to: '2027-01-01T00:00:00Z' };

function fieldOf(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return (error as { extensions: { field: unknown } }).extensions.field;
  }
  return null;
}

describe('free-slot search', () => {
  test('searches from now at the earliest, 20 slots unless told', () => {
    expect(freeSlotQuery({ ...args, from: '2026-11-01T00:00:00Z' }, now)).toMatchObject({
      from: now,
      limit: 20,
      organisation: null,
      kind: null,
    });
    expect(freeSlotQuery({ ...args, first: 5, organisation: 'RX1', kind: 'NEW' }, now)).toMatchObject({
      from: new Date(args.from),
      limit: 5,
      organisation: 'RX1',
      kind: 'NEW',
    });
  });

  test('refuses periods that are backwards or longer than a year, and more than 100 slots', () => {
    expect(fieldOf(() => freeSlotQuery({ ...args, to: args.from }, now))).toBe('to');
    expect(fieldOf(() => freeSlotQuery({ ...args, to: '2028-01-01T00:00:00Z' }, now))).toBe('to');
    expect(fieldOf(() => freeSlotQuery({ ...args, first: 101 }, now))).toBe('first');
    expect(fieldOf(() => freeSlotQuery({ ...args, service: ' ' }, now))).toBe('service');
    expect(fieldOf(() => freeSlotQuery({ ...args, from: 'tomorrow' }, now))).toBe('from');
  });
});
