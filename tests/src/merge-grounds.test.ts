import { randomUUID } from 'node:crypto';
import { as, staffAt, type Staff } from './support/people.js';
import { openAlertsAbout, opensRecord, practicePatient } from './support/practice-patients.js';

/*
 * A merge joins two records, and the survivor's relationships reach both from then on. So a booking clerk cannot
 * register an empty record (which gives her organisation a relationship) and fold another organisation's patient
 * into it: a merge needs her organisation to care for both records, or the duplicate check to have paired them —
 * and that, reaching beyond her organisation's care, raises a privacy-officer alert. Through the real gateway.
 */
const register = `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`;
const merge = `mutation ($input: MergePatientsInput!) { mergePatients(input: $input) { id } }`;
const suffix = randomUUID().slice(0, 6);
let clerk: Staff;
let rx1Clinician: Staff;

beforeAll(async () => {
  clerk = await staffAt('RX1', 'R8010');
  rx1Clinician = await staffAt('RX1', 'R8000');
});

async function registeredByClerk(givenName: string, familyName: string): Promise<string> {
  const registered = await as<{ registerPatient: { id: string } }>(clerk, register, {
    input: { givenName, familyName, birthDate: '1966-02-11' },
  });
  expect(registered.errors).toBeUndefined();
  return registered.data!.registerPatient.id;
}

describe('a merge needs grounds, so it cannot open another organisation’s patient to one’s own', () => {
  test('an empty record registered at RX1, and another organisation’s patient merged into it: refused, nothing opens', async () => {
    const victim = await practicePatient({ givenName: 'Gwenllian', familyName: `Mergeford${suffix}` });
    const shell = await registeredByClerk('Shell', `Blank${suffix}`);
    for (const [survivorId, replacedId] of [
      [shell, victim],
      [victim, shell],
    ]) {
      const merged = await as(clerk, merge, { input: { survivorId, replacedId, reason: 'Duplicate registration confirmed.' } });
      expect(merged.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    expect(await opensRecord(rx1Clinician, shell)).toBe(false);
    expect(await opensRecord(rx1Clinician, victim)).toBe(false);
  });

  test('a pair the duplicate check found may be merged across organisations, and the merge is alerted', async () => {
    const familyName = `Pryce${suffix}`;
    const atPractice = await practicePatient({ givenName: 'Eluned', familyName });
    const atHospital = await registeredByClerk('Eluned', familyName);
    const merged = await as(clerk, merge, {
      input: { survivorId: atHospital, replacedId: atPractice, reason: 'Same person, registered twice.' },
    });
    expect(merged.errors).toBeUndefined();
    expect(await openAlertsAbout(atPractice)).toEqual(['MERGE_OUTSIDE_CARE']);
  });

  test('two records the organisation cares for merge without an alert', async () => {
    const familyName = `Vaughan${suffix}`;
    const first = await registeredByClerk('Owain', familyName);
    const second = await registeredByClerk('Owen', `${familyName}x`);
    const merged = await as(clerk, merge, { input: { survivorId: first, replacedId: second, reason: 'Same person, registered twice.' } });
    expect(merged.errors).toBeUndefined();
    expect(await openAlertsAbout(second)).toEqual([]);
  });
});
