import { randomUUID } from 'node:crypto';
import { as, type Person, type Staff } from './people.js';

/*
 * What the relationship tests keep asking: a patient only the GP practice A81001 cares for (so whoever else opens
 * their record does so through the fact under test), whether someone opens it, and which alerts the privacy
 * officer got about them.
 */

const problems = `query ($id: ID!) { patient(id: $id) { id problems { code { term } } } }`;

/** A patient registered by the practice A81001's receptionist (only the practice has a relationship), with one problem. */
export async function practicePatient(name: { givenName?: string; familyName?: string } = {}): Promise<string> {
  const registered = await as<{ registerPatient: { id: string } }>(
    'reception',
    `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`,
    {
      input: {
        givenName: name.givenName ?? 'Rhiannon',
        familyName: name.familyName ?? `Practice${randomUUID().slice(0, 6)}`,
        birthDate: '1966-02-11',
        registeredGpPractice: 'A81001',
      },
    },
  );
  if (!registered.data) throw new Error(`registerPatient failed: ${JSON.stringify(registered.errors)}`);
  const patientId = registered.data.registerPatient.id;
  const recorded = await as('gp', `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`, {
    input: { patientId, code: { conceptId: '38341003', term: 'Hypertensive disorder' }, sealLevel: 'NONE' },
  });
  if (recorded.errors) throw new Error(`recordProblem failed: ${JSON.stringify(recorded.errors)}`);
  return patientId;
}

/** Can `who` open the patient's clinical record (see their problems)? */
export async function opensRecord(who: Person | Staff, patientId: string): Promise<boolean> {
  const view = await as<{ patient: { problems: unknown[] | null } | null }>(who, problems, { id: patientId });
  return (view.data?.patient?.problems?.length ?? 0) > 0;
}

/** The kinds of the privacy officer's open alerts about the patient. */
export async function openAlertsAbout(patientId: string): Promise<string[]> {
  const { data, errors } = await as<{ accessAlerts: { edges: { node: { kind: string; event: { patient: { id: string } | null } } }[] } }>(
    'privacyOfficer',
    `{ accessAlerts(status: [OPEN], first: 200) { edges { node { kind event { patient { id } } } } } }`,
  );
  if (!data) throw new Error(`accessAlerts failed: ${JSON.stringify(errors)}`);
  return data.accessAlerts.edges.filter((edge) => edge.node.event.patient?.id === patientId).map((edge) => edge.node.kind);
}
