import { randomUUID } from 'node:crypto';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { graphql } from './support/gateway-client.js';
import { tokenOf, type Person } from './support/people.js';
import { allPages, fhir, resourcesOf } from './support/fhir-client.js';

/*
 * Patient/$everything and the seals: a patient of the GP practice whose record holds open, sealed and
 * sealed-and-locked items. Sealed items the caller may not open and sealed-and-locked items must never be in any
 * FHIR body — not in $everything, not in a search, not in a read, not in a total.
 */
const token = tokenOf;
const as = async <T = Bundle>(who: Person, path: string) => fhir<T>(path, { token: await token(who) });
async function gql<T = Record<string, any>>(who: Person, query: string, variables: Record<string, unknown> = {}) {
  const { body } = await graphql<T>(query, { token: await token(who), variables });
  expect(body.errors).toBeUndefined();
  return body.data!;
}

const practiceTeam = 'ca7e7ea0-0000-4000-8000-000000000006';
// Words only the sealed and the locked items contain; none may appear in a body served to someone outside the team.
const secret = /Depressive|Asthma|Cashew|Sertraline/;
let patientId: string;
const ids: Record<'sealed' | 'locked' | 'lockedAllergy' | 'lockedMedication', string> = {} as never;

beforeAll(async () => {
  patientId = (
    await gql<{ registerPatient: { id: string } }>(
      'reception',
      `mutation { registerPatient(input: { givenName: "Sealina", familyName: "Lockwood", birthDate: "1968-08-08", registeredGpPractice: "A81001" }) { id } }`,
    )
  ).registerPatient.id;
  const problem = async (conceptId: string, term: string, sealLevel: string) =>
    (
      await gql<{ recordProblem: { id: string } }>('gp', `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`, {
        input: { patientId, code: { conceptId, term }, sealLevel, authoringTeamId: practiceTeam },
      })
    ).recordProblem.id;
  await problem('38341003', 'Hypertensive disorder', 'NONE');
  await problem('44054006', 'Type 2 diabetes mellitus', 'NONE');
  await problem('22298006', 'Myocardial infarction', 'NONE');
  ids.sealed = await problem('35489007', 'Depressive disorder', 'SEALED');
  ids.locked = await problem('195967001', 'Asthma', 'SEALED_AND_LOCKED');
  ids.lockedAllergy = (
    await gql<{ recordAllergy: { id: string } }>('gp', `mutation ($input: RecordAllergyInput!) { recordAllergy(input: $input) { id } }`, {
      input: {
        patientId,
        substance: { conceptId: '227493005', term: 'Cashew nut' },
        severity: 'SEVERE',
        sealLevel: 'SEALED_AND_LOCKED',
        authoringTeamId: practiceTeam,
      },
    })
  ).recordAllergy.id;
  await gql('gp', `mutation ($input: RecordAllergyInput!) { recordAllergy(input: $input) { id } }`, {
    input: { patientId, substance: { conceptId: '764146007', term: 'Penicillin' }, severity: 'MILD' },
  });
  ids.lockedMedication = (
    await gql<{ recordMedication: { id: string } }>(
      'gp',
      `mutation ($input: RecordMedicationInput!) { recordMedication(input: $input) { id } }`,
      {
        input: {
          patientId,
          medicine: { conceptId: '321949006', term: 'Sertraline 50mg tablets' },
          dosage: 'One daily',
          sealLevel: 'SEALED_AND_LOCKED',
          authoringTeamId: practiceTeam,
        },
      },
    )
  ).recordMedication.id;
  await gql('gp', `mutation ($input: RecordMedicationInput!) { recordMedication(input: $input) { id } }`, {
    input: { patientId, medicine: { conceptId: '319283006', term: 'Amlodipine 5mg tablets' }, dosage: 'One tablet once a day' },
  });
  // The hospital nurse has no relationship: break glass, which never opens sealed or locked items.
  await gql('nurse', `mutation ($id: ID!) { emergencyAccess(patientId: $id, reason: "Collapsed in ED, unresponsive") { expiresAt } }`, {
    id: patientId,
  });
});

const types = (resources: Resource[]) => resources.map((r) => r.resourceType);

describe('$everything', () => {
  test('the authoring team gets every item, the sealed ones labelled as such', async () => {
    const response = await as('gp', `Patient/${patientId}/$everything?_count=100`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 10 });
    const resources = resourcesOf(response.body);
    expect(types(resources)).toEqual([
      'Patient',
      ...Array(5).fill('Condition'),
      'AllergyIntolerance',
      'AllergyIntolerance',
      'MedicationStatement',
      'MedicationStatement',
    ]);
    expect(resources.find((r) => r.id === ids.sealed)!.meta!.security).toEqual([expect.objectContaining({ code: 'R' })]);
    expect(resources.find((r) => r.id === ids.locked)!.meta!.security).toEqual([expect.objectContaining({ code: 'V' })]);
    expect(response.body.entry![0]!.search).toEqual({ mode: 'match' });
    expect(response.body.entry![1]!.search).toEqual({ mode: 'include' });
  });

  test('outside the team: only open items, in no page, in no total, in no read', async () => {
    const pages = await allPages(`Patient/${patientId}/$everything?_count=2`, await token('nurse'));
    expect(pages.length).toBe(3);
    const resources = pages.flatMap(resourcesOf);
    expect(types(resources)).toEqual(['Patient', 'Condition', 'Condition', 'Condition', 'AllergyIntolerance', 'MedicationStatement']);
    expect(new Set(resources.map((r) => r.id)).size).toBe(resources.length);
    for (const page of pages) {
      expect(page.total).toBe(6);
      expect(JSON.stringify(page)).not.toMatch(secret);
      for (const id of Object.values(ids)) expect(JSON.stringify(page)).not.toContain(id);
    }
    const conditions = await as('nurse', `Condition?patient=${patientId}`);
    expect(conditions.body.total).toBe(3);
    expect(JSON.stringify(conditions.body)).not.toMatch(secret);
    const allergies = await as('nurse', `AllergyIntolerance?patient=${patientId}`);
    expect(allergies.body.total).toBe(1);
    const medications = await as('nurse', `MedicationStatement?patient=${patientId}`);
    expect(medications.body.total).toBe(1);
  });

  test('reading a locked or sealed item by id is the same 404 as an id that never existed', async () => {
    const never = await as<OperationOutcome>('nurse', `Condition/${randomUUID()}`);
    expect(never.status).toBe(404);
    const shape = (body: OperationOutcome) => JSON.stringify(body).replace(/[0-9a-f-]{36}/g, '<id>');
    for (const path of [
      `Condition/${ids.locked}`,
      `Condition/${ids.sealed}`,
      `AllergyIntolerance/${ids.lockedAllergy}`,
      `MedicationStatement/${ids.lockedMedication}`,
    ]) {
      const response = await as<OperationOutcome>('nurse', path);
      expect(response.status).toBe(404);
      expect(shape(response.body).replace(/AllergyIntolerance|MedicationStatement/, 'Condition')).toEqual(shape(never.body));
      expect(JSON.stringify(response.body)).not.toMatch(secret);
    }
    expect((await as('gp', `Condition/${ids.locked}`)).status).toBe(200);
  });

  test('roles without clinical access get the patient and what their role opens: nothing clinical', async () => {
    for (const who of ['clerk', 'engine'] as const) {
      const response = await as(who, `Patient/${patientId}/$everything`);
      expect(response.status).toBe(200);
      expect(types(resourcesOf(response.body))).toEqual(['Patient']);
      expect(response.body.total).toBe(1);
      expect(JSON.stringify(response.body)).not.toMatch(/Hypertensive|Penicillin|Amlodipine/);
    }
    const clerkOfOlivia = await as('clerk', `Patient/5e1f0c3a-0000-4000-8000-000000000001/$everything`);
    expect([...new Set(types(resourcesOf(clerkOfOlivia.body)))]).toEqual(['Patient', 'ServiceRequest', 'Appointment']);
  });

  test('the portal patient: her own record, and 404 for anyone else’s', async () => {
    expect((await as('olivia', `Patient/${patientId}/$everything`)).status).toBe(404);
    const own = await as('olivia', `Patient/5e1f0c3a-0000-4000-8000-000000000001/$everything`);
    expect(types(resourcesOf(own.body))).toContain('Condition');
    expect((await as('nurse', `Patient/${randomUUID()}/$everything`)).status).toBe(404);
  });
});
