import { graphql, tokenFor } from './support/gateway-client.js';
import { receiveReferral } from './support/referrals.js';
import { sql } from './support/stack-database.js';

// Duplicates across providers: found at registration, listed for the data quality team, merged and unmerged,
// with a referral held by care-pathway following the merge through federation.
// The clerk registers and merges (data quality work); the clinician records and reads clinical items.
const clerk = () => tokenFor('clerk.chloe.reid', 'rp-reid-rx1');
const clinician = () => tokenFor('dr.amelia.hart', 'rp-hart-rx1');

async function asClerk<T>(query: string, variables: Record<string, unknown> = {}) {
  const { body } = await graphql<T>(query, { token: await clerk(), variables });
  return body;
}

async function ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await asClerk<T>(query, variables);
  expect(body.errors).toBeUndefined();
  return body.data!;
}

const register = `mutation ($input: RegisterPatientInput!) {
  registerPatient(input: $input) { id possibleDuplicates { id score status patients { id nhsNumber } } }
}`;
const merge = `mutation ($input: MergePatientsInput!) {
  mergePatients(input: $input) { id reason mergedBy { id } survivor { id } replaced { id replacedBy { id } } undoneAt }
}`;
const unmerge = `mutation ($input: UnmergePatientInput!) {
  unmergePatient(input: $input) { id undoneAt undoneBy { id } undoReason replaced { id replacedBy { id } } }
}`;
const patientView = `query ($id: ID!) {
  patient(id: $id) { id nhsNumber name { given family } mergedFrom { id } localIdentifiers { value } possibleDuplicates { id } }
}`;
const allergiesOf = async (id: string) => {
  const { body } = await graphql<{ patient: { id: string; allergies: { substance: { term: string } }[] } }>(
    `
      query ($id: ID!) {
        patient(id: $id) {
          id
          allergies {
            substance {
              term
            }
          }
        }
      }
    `,
    { token: await clinician(), variables: { id } },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.patient;
};
const referralView = `query ($id: ID!) { referral(id: $id) { patient { nhsNumber name { given family } } } }`;

interface Registered {
  registerPatient: { id: string; possibleDuplicates: { id: string; score: number; status: string; patients: { id: string }[] }[] };
}

const address = { lines: ['3 Tannery Yard', 'Northfield'], postcode: 'LS10 1QR' };
let known: string;
let duplicate: string;
let candidateId: string;
let referralId: string;

beforeAll(async () => {
  known = (
    await ok<Registered>(register, {
      input: { nhsNumber: '9990012040', givenName: 'Hamish', familyName: 'MacTavish', birthDate: '1949-07-04', sex: 'MALE', address },
    })
  ).registerPatient.id;
});

describe('likely duplicates', () => {
  test('registering the same person again without an NHS number reports the match, with its score', async () => {
    const { registerPatient } = await ok<Registered>(register, {
      input: {
        givenName: 'Hamish',
        familyName: 'McTavish',
        birthDate: '1949-07-04',
        sex: 'MALE',
        address,
        localIdentifiers: [{ organisation: 'RX1', value: 'RX1-ED-555001' }],
      },
    });
    duplicate = registerPatient.id;
    expect(registerPatient.possibleDuplicates).toHaveLength(1);
    const [candidate] = registerPatient.possibleDuplicates;
    expect(candidate!.status).toBe('OPEN');
    expect(candidate!.score).toBeGreaterThanOrEqual(0.8);
    expect(candidate!.score).toBeLessThan(1);
    expect(candidate!.patients.map((p) => p.id)).toEqual([known, duplicate]);
    candidateId = candidate!.id;
  });

  test('the data quality worklist lists the pair, most likely first', async () => {
    const { duplicateCandidates } = await ok<{ duplicateCandidates: { edges: { node: { id: string; score: number } }[] } }>(
      `{ duplicateCandidates(first: 100) { edges { node { id score } } } }`,
    );
    const scores = duplicateCandidates.edges.map((e) => e.node.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(duplicateCandidates.edges.map((e) => e.node.id)).toContain(candidateId);
  });
});

describe('merging', () => {
  beforeAll(async () => {
    // Another provider receives a referral of the duplicate from e-RS, and the emergency department records an
    // allergy against it.
    const referral = await receiveReferral({
      patientId: duplicate,
      receivingOrganisation: 'MPITST',
      specialty: 'Care of the Elderly',
      reason: 'Falls; memory concerns.',
      receivedOn: '2026-11-02',
    });
    expect(referral.errors).toBeUndefined();
    referralId = referral.data!.createReferral.id;
    const allergy = await graphql(
      `
        mutation ($input: RecordAllergyInput!) {
          recordAllergy(input: $input) {
            id
          }
        }
      `,
      {
        token: await clinician(),
        variables: { input: { patientId: duplicate, substance: { conceptId: '764146007', term: 'Penicillin' }, severity: 'SEVERE' } },
      },
    );
    expect(allergy.body.errors).toBeUndefined();
  });

  test('a merge of a patient with itself is refused, and nothing is written', async () => {
    const body = await asClerk(merge, { input: { survivorId: known, replacedId: known, reason: 'Same person' } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.replacedId' });
    expect(body.errors![0]!.message).toMatch(/cannot be merged with itself/);
    expect(await sql(`SELECT 1 FROM patient.patient_merge WHERE survivor_id = $1`, [known])).toHaveLength(0);
  });

  test('the duplicate merges into the survivor, and the referral held elsewhere now shows the survivor', async () => {
    const before = await ok<{ referral: { patient: { nhsNumber: string | null } } }>(referralView, { id: referralId });
    expect(before.referral.patient.nhsNumber).toBeNull();

    const { mergePatients } = await ok<{ mergePatients: Record<string, unknown> }>(merge, {
      input: { survivorId: known, replacedId: duplicate, reason: 'Same name, birth date and address; ED registration before tracing.' },
    });
    expect(mergePatients).toMatchObject({
      mergedBy: { id: 'clerk.chloe.reid' },
      survivor: { id: known },
      replaced: { id: duplicate, replacedBy: { id: known } },
      undoneAt: null,
    });

    const after = await ok<{ referral: { patient: { nhsNumber: string; name: { family: string } } } }>(referralView, { id: referralId });
    expect(after.referral.patient).toEqual({ nhsNumber: '9990012040', name: { given: 'Hamish', family: 'MacTavish' } });
  });

  test("the survivor carries the duplicate's identifiers and clinical items, and the duplicate's id resolves to it", async () => {
    const { patient } = await ok<{ patient: Record<string, unknown> }>(patientView, { id: duplicate });
    expect(patient).toMatchObject({
      id: known,
      nhsNumber: '9990012040',
      mergedFrom: [{ id: duplicate }],
      localIdentifiers: [{ value: 'RX1-ED-555001' }],
      possibleDuplicates: [],
    });
    expect(await allergiesOf(duplicate)).toEqual({ id: known, allergies: [{ substance: { term: 'Penicillin' } }] });
    const { searchPatients } = await ok<{ searchPatients: { edges: { node: { id: string } }[] } }>(
      `{ searchPatients(criteria: { familyName: "McTavish", givenName: "Hamish" }) { edges { node { id } } } }`,
    );
    expect(searchPatients.edges.map((e) => e.node.id)).toEqual([known]);
  });

  test('a duplicate already merged cannot be merged again', async () => {
    const body = await asClerk(merge, { input: { survivorId: known, replacedId: duplicate, reason: 'Again' } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.replacedId' });
  });

  test('the merge is recorded for audit', async () => {
    const [row] = await sql<{ reason: string; merged_by_id: string }>(
      `SELECT reason, merged_by_id FROM patient.patient_merge WHERE survivor_id = $1 AND replaced_id = $2`,
      [known, duplicate],
    );
    expect(row).toEqual({ reason: expect.stringMatching(/^Same name/), merged_by_id: 'clerk.chloe.reid' });
    const events = await sql(`SELECT patient_id FROM audit.access_event WHERE action = 'patient.merge' AND patient_id IN ($1, $2)`, [
      known,
      duplicate,
    ]);
    expect(events).toHaveLength(2);
  });

  test('undoing the merge puts everything back where it was', async () => {
    const { unmergePatient } = await ok<{ unmergePatient: Record<string, unknown> }>(unmerge, {
      input: { replacedId: duplicate, reason: 'Tracing found two brothers with the same name.' },
    });
    expect(unmergePatient).toMatchObject({
      undoneAt: expect.any(String),
      undoneBy: { id: 'clerk.chloe.reid' },
      replaced: { id: duplicate, replacedBy: null },
    });
    const { patient } = await ok<{ patient: Record<string, unknown> }>(patientView, { id: duplicate });
    expect(patient).toMatchObject({
      id: duplicate,
      nhsNumber: null,
      localIdentifiers: [{ value: 'RX1-ED-555001' }],
      possibleDuplicates: [{ id: candidateId }],
    });
    expect(await allergiesOf(duplicate)).toEqual({ id: duplicate, allergies: [{ substance: { term: 'Penicillin' } }] });
    const survivor = await ok<{ patient: { mergedFrom: unknown[]; localIdentifiers: unknown[] } }>(patientView, { id: known });
    expect(survivor.patient).toMatchObject({ mergedFrom: [], localIdentifiers: [] });
    expect((await allergiesOf(known)).allergies).toEqual([]);
    const referral = await ok<{ referral: { patient: { name: { family: string } } } }>(referralView, { id: referralId });
    expect(referral.referral.patient.name.family).toBe('McTavish');
  });

  test('two merges of one duplicate at the same moment: one succeeds, the other is a conflict', async () => {
    const other = (
      await ok<Registered>(register, { input: { givenName: 'Hamish', familyName: 'Mactavish', birthDate: '1949-07-04', address } })
    ).registerPatient.id;
    const results = await Promise.all(
      [known, other].map((survivorId) => asClerk(merge, { input: { survivorId, replacedId: duplicate, reason: 'Race' } })),
    );
    const codes = results.map((body) => (body.errors ? body.errors[0]!.extensions!.code : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    await ok(unmerge, { input: { replacedId: duplicate, reason: 'Test race cleanup' } });
  });

  test('a duplicate candidate can be dismissed as two different people', async () => {
    const { dismissDuplicateCandidate } = await ok<{ dismissDuplicateCandidate: { status: string } }>(
      `mutation ($id: ID!) { dismissDuplicateCandidate(id: $id) { status } }`,
      { id: candidateId },
    );
    expect(dismissDuplicateCandidate.status).toBe('NOT_DUPLICATE');
    const { patient } = await ok<{ patient: { possibleDuplicates: { id: string }[] } }>(patientView, { id: duplicate });
    expect(patient.possibleDuplicates.map((c) => c.id)).not.toContain(candidateId);
  });
});
