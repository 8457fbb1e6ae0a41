import { describe, expect, test } from '@jest/globals';
import { parseEventQuery } from './event-query.js';
import { eventCursor } from './cursor.js';

const patientId = '5e1f0c3a-0000-4000-8000-000000000001';

function fieldOf(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  throw new Error('expected a refusal');
}

describe('security log search', () => {
  test('a filter becomes a query; no filter lists everything', () => {
    const at = new Date('2026-11-24T09:00:00.000Z');
    const query = parseEventQuery(
      {
        patientId: patientId.toUpperCase(),
        userId: 'dr.amelia.hart',
        from: '2026-11-01T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
        outcome: 'DENIED',
      },
      25,
      eventCursor({ occurredAt: at, seq: 42n }),
    );
    expect(query).toEqual({
      patientId,
      userId: 'dr.amelia.hart',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
      outcome: 'DENIED',
      before: { occurredAt: at, seq: 42n },
      limit: 25,
    });
    expect(parseEventQuery(null, 50, null)).toEqual({ limit: 50 });
  });

  test('bad input names the field to correct', () => {
    expect(fieldOf(() => parseEventQuery({ patientId: 'olivia' }, 10, null))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.patientId',
    });
    expect(fieldOf(() => parseEventQuery({ from: 'yesterday' }, 10, null))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.from' });
    expect(fieldOf(() => parseEventQuery({ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 10, null))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.to',
    });
    expect(fieldOf(() => parseEventQuery(null, 0, null))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(fieldOf(() => parseEventQuery(null, 201, null))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(fieldOf(() => parseEventQuery(null, 10, 'not-a-cursor'))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(fieldOf(() => parseEventQuery(null, 10, Buffer.from('["x"]').toString('base64url')))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
