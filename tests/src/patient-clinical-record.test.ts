import pg from 'pg';
import { graphql, tokenFor } from './support/gateway-client.js';
import { receivedReferral } from './support/referrals.js';
import { statementsFor } from './support/sql-counter.js';
import { stackState } from './support/stack-state.js';

// The clinical record as departmental systems write it and clinicians read it: every item carries its author,
// organisation, team and seal level.
const hart = () => tokenFor('dr.amelia.hart', 'rp-hart-rx1');
const lee = () => tokenFor('gp.david.lee', 'rp-lee-a81001');
const cardiologyTeam = 'ca7e7ea0-0000-4000-8000-000000000001';
const aishaRahman = '5e1f0c3a-0000-4000-8000-000000000003';

const provenance = 'sealLevel author { id displayName } authoringOrganisation { odsCode } authoringTeam { code } recordedAt';
const recordProblem = `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id code { conceptId term } onsetDate status ${provenance} } }`;
const recordAllergy = `mutation ($input: RecordAllergyInput!) { recordAllergy(input: $input) { category substance { term } reaction { term } severity ${provenance} } }`;
const recordMedication = `mutation ($input: RecordMedicationInput!) { recordMedication(input: $input) { medicine { conceptId } dosage status startDate ${provenance} } }`;
const fileDocument = `mutation ($input: FileClinicalDocumentInput!) {
  fileClinicalDocument(input: $input) { type { conceptId term } title authoredAt sourceSystem sections { title text } ${provenance} }
}`;

async function as<T>(token: Promise<string>, query: string, variables: Record<string, unknown>) {
  const { body } = await graphql<T>(query, { token: await token, variables });
  return body;
}

async function problemCount(): Promise<number> {
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM patient.problem')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

const hypertension = { conceptId: '38341003', term: 'Hypertensive disorder' };
const discharge = {
  type: { conceptId: '373942005', term: 'Discharge summary' },
  title: 'Discharge summary: respiratory',
  authoredAt: '2026-11-20T16:45:00Z',
  sourceSystem: 'Northfield PAS',
  sections: [
    { title: 'Diagnosis', text: 'Acute exacerbation of asthma.' },
    { title: 'Plan', text: 'Inhaler technique reviewed; GP review in one week.' },
  ],
};

describe('recording the clinical record', () => {
  // Dr Hart records for Aisha Rahman as a member of RX1's cardiology team, which a referral there gives a relationship.
  beforeAll(async () => {
    await receivedReferral({
      patientId: aishaRahman,
      specialty: 'Cardiology',
      reason: 'Palpitations on exertion.',
      receivedOn: '2026-10-05',
    });
  });

  test('each kind of item is stored with who recorded it, where, for which team, and its seal', async () => {
    const problem = await as<{ recordProblem: Record<string, unknown> }>(lee(), recordProblem, {
      input: { patientId: aishaRahman, code: hypertension, onsetDate: '2026-10-01' },
    });
    expect(problem.errors).toBeUndefined();
    expect(problem.data!.recordProblem).toMatchObject({
      code: hypertension,
      onsetDate: '2026-10-01',
      status: 'ACTIVE',
      sealLevel: 'NONE',
      author: { id: 'gp.david.lee', displayName: 'Dr David Lee' },
      authoringOrganisation: { odsCode: 'A81001' },
      // Dr Lee belongs to one team at the practice, so it is his by default.
      authoringTeam: { code: 'PRACTICE-A81001' },
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });

    const allergy = await as<{ recordAllergy: Record<string, unknown> }>(hart(), recordAllergy, {
      input: {
        patientId: aishaRahman,
        category: 'INTOLERANCE',
        substance: { conceptId: '764146007', term: 'Penicillin' },
        reaction: { conceptId: '126485001', term: 'Urticaria' },
        severity: 'MILD',
        sealLevel: 'SEALED',
        authoringTeamId: cardiologyTeam,
      },
    });
    expect(allergy.errors).toBeUndefined();
    expect(allergy.data!.recordAllergy).toMatchObject({
      category: 'INTOLERANCE',
      reaction: { term: 'Urticaria' },
      sealLevel: 'SEALED',
      authoringOrganisation: { odsCode: 'RX1' },
      authoringTeam: { code: 'CARDIO-RX1' },
    });

    const medication = await as<{ recordMedication: Record<string, unknown> }>(lee(), recordMedication, {
      input: {
        patientId: aishaRahman,
        medicine: { conceptId: '319283006', term: 'Amlodipine 5mg tablets' },
        dosage: 'One tablet daily',
        startDate: '2026-10-02',
      },
    });
    expect(medication.data!.recordMedication).toMatchObject({ status: 'ACTIVE', startDate: '2026-10-02' });

    const document = await as<{ fileClinicalDocument: Record<string, unknown> }>(hart(), fileDocument, {
      input: { patientId: aishaRahman, ...discharge },
    });
    expect(document.errors).toBeUndefined();
    // Dr Hart is in two teams at RX1 and named none: an unsealed item may go without one.
    expect(document.data!.fileClinicalDocument).toMatchObject({
      ...discharge,
      authoredAt: '2026-11-20T16:45:00.000Z',
      authoringTeam: null,
    });

    const { body } = await graphql<{ patient: Record<string, { recordedAt: string }[]> }>(
      `
        query ($id: ID!) {
          patient(id: $id) {
            problems {
              code {
                term
              }
            }
            allergies {
              sealLevel
            }
            medications {
              dosage
            }
            documents {
              title
            }
          }
        }
      `,
      { token: await hart(), variables: { id: aishaRahman } },
    );
    expect(body.data!.patient).toMatchObject({
      problems: expect.arrayContaining([{ code: { term: 'Hypertensive disorder' } }, { code: { term: 'Asthma' } }]),
      allergies: [{ sealLevel: 'SEALED' }],
      medications: [{ dosage: 'One tablet daily' }],
      documents: [{ title: 'Discharge summary: respiratory' }],
    });
  });

  test.each([
    ['a SNOMED CT id with a wrong check digit', { code: { conceptId: '38341004', term: 'x' } }, 'input.code.conceptId', /check digit/],
    ['a SNOMED CT description id', { code: { conceptId: '12345013', term: 'x' } }, 'input.code.conceptId', /not a concept/],
    ['an id of the wrong length', { code: { conceptId: '12345', term: 'x' } }, 'input.code.conceptId', /6 to 18 digits/],
    ['an onset in the future', { onsetDate: '2099-01-01' }, 'input.onsetDate', /future/],
    [
      'a sealed item without a team, from someone in two',
      { sealLevel: 'SEALED_AND_LOCKED' },
      'input.authoringTeamId',
      /needs an authoring team/,
    ],
    [
      'a team the author is not in',
      { authoringTeamId: 'ca7e7ea0-0000-4000-8000-000000000006' },
      'input.authoringTeamId',
      /your role profile belongs to/,
    ],
  ])('%s is refused naming the field, and nothing is written', async (_label, change, field, message) => {
    const before = await problemCount();
    const body = await as(hart(), recordProblem, { input: { patientId: aishaRahman, code: hypertension, ...change } });
    expect(body.data).toBeNull();
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(body.errors![0]!.message).toMatch(message);
    expect(await problemCount()).toBe(before);
  });

  test('an item for a patient who does not exist is not found', async () => {
    const body = await as(hart(), recordProblem, { input: { patientId: '00000000-0000-4000-8000-000000000000', code: hypertension } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.patientId' });
  });
});

describe('the cost of a list', () => {
  const listSize = 10;
  const list = `query ($first: Int) {
    searchPatients(criteria: { familyName: "Quenby" }, first: $first) {
      edges { score node {
        name { given family }
        registeredGpPractice { name }
        localIdentifiers { value organisation { odsCode } }
        problems { code { conceptId term } status ${provenance} }
        allergies { substance { term } severity ${provenance} }
        medications { medicine { term } dosage ${provenance} }
        documents { title sections { title } ${provenance} }
      } }
    }
  }`;

  beforeAll(async () => {
    for (let i = 0; i < listSize; i += 1) {
      const { body } = await graphql<{ registerPatient: { id: string } }>(
        `
          mutation ($input: RegisterPatientInput!) {
            registerPatient(input: $input) {
              id
            }
          }
        `,
        {
          token: await tokenFor('clerk.chloe.reid', 'rp-reid-rx1'),
          variables: {
            input: {
              givenName: `Patient${String.fromCharCode(65 + i)}`,
              familyName: 'Quenby',
              birthDate: `19${50 + i}-01-01`,
              registeredGpPractice: 'A81001',
              localIdentifiers: [{ organisation: 'RX1', value: `RX1-QUENBY-${i}` }],
            },
          },
        },
      );
      const patientId = body.data!.registerPatient.id;
      for (const [query, input] of [
        [recordProblem, { code: hypertension }],
        [recordAllergy, { substance: { conceptId: '764146007', term: 'Penicillin' }, severity: 'MILD' }],
        [recordMedication, { medicine: { conceptId: '319283006', term: 'Amlodipine 5mg tablets' }, dosage: 'Daily' }],
        [fileDocument, discharge],
      ] as const) {
        // Registration at RX1 gave RX1 its relationship with the patient, so an RX1 clinician may record.
        const written = await as(hart(), query, { input: { patientId, ...input } });
        expect(written.errors).toBeUndefined();
      }
    }
  });

  test('a list of patients with their clinical items costs the same few SQL statements for one patient as for ten', async () => {
    const token = await hart();
    const costOf = async (first: number) => {
      let body: { data?: { searchPatients: { edges: { node: Record<string, unknown[]> }[] } } | null; errors?: unknown } = {};
      const cost = await statementsFor('patient', token, async () => {
        ({ body } = await graphql<{ searchPatients: { edges: { node: Record<string, unknown[]> }[] } }>(list, {
          token,
          variables: { first },
        }));
      });
      expect(body.errors).toBeUndefined();
      const { edges } = body.data!.searchPatients;
      for (const { node } of edges)
        for (const items of ['problems', 'allergies', 'medications', 'documents']) expect(node[items]).toHaveLength(1);
      return { size: edges.length, cost };
    };
    const one = await costOf(1);
    const all = await costOf(listSize);
    expect(one.size).toBe(1);
    expect(all.size).toBe(listSize);
    expect(all.cost).toBe(one.cost);
    expect(all.cost).toBeLessThan(listSize);
  });
});
