import { recordListLoader, recordOf, shownAs } from './merged-records.js';

const survivor = '5e1f0c3a-0000-4000-8000-00000000000a';
const duplicate = '5e1f0c3a-0000-4000-8000-00000000000b';
const other = '5e1f0c3a-0000-4000-8000-00000000000c';

describe('the record a representation names', () => {
  test('is the survivor and every id it is filed under, in lower case, the survivor first', () => {
    expect(recordOf({ id: duplicate, recordPatientIds: [survivor.toUpperCase(), duplicate] })).toEqual({
      survivorId: survivor,
      patientIds: [survivor, duplicate],
    });
  });

  test('is the patient alone when the plan brought no ids', () => {
    expect(recordOf({ id: survivor })).toEqual({ survivorId: survivor, patientIds: [survivor] });
    expect(recordOf({ id: survivor, recordPatientIds: [] })).toEqual({ survivorId: survivor, patientIds: [survivor] });
  });
});

test('items shown as the survivor name it, the others are left as they are', () => {
  const items = [
    { id: '1', patientId: survivor },
    { id: '2', patientId: duplicate },
  ];
  expect(shownAs(survivor, items)).toEqual([
    { id: '1', patientId: survivor },
    { id: '2', patientId: survivor },
  ]);
  expect(items[1]!.patientId).toBe(duplicate);
});

test('a record list loader asks once for every id of the batch and keeps the statement order per record', async () => {
  const asked: string[][] = [];
  const rows = [
    { id: 'r1', patientId: duplicate },
    { id: 'r2', patientId: other },
    { id: 'r3', patientId: survivor },
  ];
  const loader = recordListLoader(async (ids: string[]) => {
    asked.push(ids);
    return rows.filter((row) => ids.includes(row.patientId));
  });
  const [merged, alone] = await Promise.all([loader.load([survivor, duplicate]), loader.load([other])]);
  expect(asked).toEqual([[survivor, duplicate, other]]);
  expect(merged.map((row) => row.id)).toEqual(['r1', 'r3']);
  expect(alone.map((row) => row.id)).toEqual(['r2']);
});
