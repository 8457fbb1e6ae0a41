import { randomUUID } from 'node:crypto';
import { graphql } from './support/gateway-client.js';
import { sql } from './support/stack-database.js';
import { tokenOf } from './support/people.js';

// Concurrent clients through the gateway, each a separate request on its own connection: writes to one
// patient must serialise on that patient, and a write racing a merge must either follow the merge to the
// survivor or be refused with CONFLICT — never land on the retired record.
let clerk: string;
let clinician: string;

beforeAll(async () => {
  clerk = await tokenOf('clerk');
  clinician = await tokenOf('consultant');
});

/** A new patient registered at RX1 (so RX1's clinicians hold a registration relationship with them). */
async function registerPatient(familyName: string): Promise<string> {
  const { body } = await graphql<{ registerPatient: { id: string } }>(
    'mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }',
    { token: clerk, variables: { input: { givenName: 'Quinn', familyName, birthDate: '1961-03-14' } } },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.registerPatient.id;
}

/** A family name no other test uses, so duplicate detection stays out of the way. */
const uniqueName = (prefix: string) =>
  `${prefix}${randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 8)}`;

describe('renames at the same time', () => {
  test('ten concurrent renames of one patient keep every name in the history, each once', async () => {
    const original = uniqueName('Original');
    const id = await registerPatient(original);
    const names = Array.from({ length: 10 }, (_, i) => uniqueName(`Renamed${String.fromCharCode(97 + i)}`));
    const results = await Promise.all(
      names.map((familyName) =>
        graphql('mutation ($input: UpdatePatientInput!) { updatePatient(input: $input) { id } }', {
          token: clerk,
          variables: { input: { id, familyName } },
        }),
      ),
    );
    for (const { body } of results) expect(body.errors).toBeUndefined();
    const { body } = await graphql<{ patient: { name: { family: string }; previousNames: { family: string }[] } }>(
      'query ($id: ID!) { patient(id: $id) { name { family } previousNames { family } } }',
      { token: clerk, variables: { id } },
    );
    const current = body.data!.patient.name.family;
    const previous = body.data!.patient.previousNames.map((n) => n.family);
    // Each rename replaced the name the one before it gave: the original and nine of the new names are history.
    expect(previous).toHaveLength(10);
    expect(new Set(previous).size).toBe(10);
    expect([...previous, current].sort()).toEqual([original, ...names].sort());
  });
});

describe('writes racing a merge', () => {
  const recordProblem = `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`;
  const problem = (patientId: string) => ({ patientId, code: { conceptId: '38341003', term: 'Hypertensive disorder' } });

  test('clinical items and demographic changes sent during a merge never stay on the retired record', async () => {
    for (let round = 0; round < 3; round++) {
      const survivor = await registerPatient(uniqueName('Survivor'));
      const replaced = await registerPatient(uniqueName('Replaced'));
      const writes = Array.from({ length: 8 }, (_, i) =>
        i % 2 === 0
          ? graphql<{ recordProblem: { id: string } }>(recordProblem, { token: clinician, variables: { input: problem(replaced) } })
          : graphql('mutation ($input: UpdatePatientInput!) { updatePatient(input: $input) { id } }', {
              token: clerk,
              variables: { input: { id: replaced, telephone: `0113 496 00${round}${i}` } },
            }),
      );
      const merged = graphql('mutation ($input: MergePatientsInput!) { mergePatients(input: $input) { id } }', {
        token: clerk,
        variables: { input: { survivorId: survivor, replacedId: replaced, reason: 'Same person: concurrent registration' } },
      });
      const [merge, ...answers] = await Promise.all([merged, ...writes]);
      expect(merge.body.errors).toBeUndefined();
      for (const { body } of answers) {
        // Either it was written before the merge (and moved with it) or refused: nothing else.
        for (const error of body.errors ?? []) expect(error.extensions?.['code']).toBe('CONFLICT');
      }
      const left = await sql<{ count: string }>('SELECT count(*) FROM patient.problem WHERE patient_id = $1', [replaced]);
      expect(Number(left[0]!.count)).toBe(0);
      const written = answers.flatMap(({ body }) => {
        const id = (body.data as { recordProblem?: { id: string } } | null | undefined)?.recordProblem?.id;
        return id ? [id] : [];
      });
      const onSurvivor = await sql<{ id: string }>('SELECT id FROM patient.problem WHERE patient_id = $1', [survivor]);
      expect(onSurvivor.map((r) => r.id).sort()).toEqual(written.sort());
    }
  });

  test('a change sent to a patient after it was merged away is CONFLICT', async () => {
    const survivor = await registerPatient(uniqueName('Kept'));
    const replaced = await registerPatient(uniqueName('Gone'));
    const merge = await graphql('mutation ($input: MergePatientsInput!) { mergePatients(input: $input) { id } }', {
      token: clerk,
      variables: { input: { survivorId: survivor, replacedId: replaced, reason: 'Same person' } },
    });
    expect(merge.body.errors).toBeUndefined();
    const update = await graphql('mutation ($input: UpdatePatientInput!) { updatePatient(input: $input) { id } }', {
      token: clerk,
      variables: { input: { id: replaced, familyName: 'Other' } },
    });
    expect(update.body.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    const identifier = await graphql('mutation ($input: AddLocalIdentifierInput!) { addLocalIdentifier(input: $input) { id } }', {
      token: clerk,
      variables: { input: { patientId: replaced, identifier: { organisation: 'RX1', value: `RX1-${Date.now()}` } } },
    });
    expect(identifier.body.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
  });
});
