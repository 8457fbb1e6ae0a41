import { randomUUID } from 'node:crypto';
import type { Caller } from '@epr/identity';
import { subgraphNames } from '@epr/platform';
import { demoPatients } from '../support/people.js';
import { inProcessFederation } from './support/federation.js';

// The shield rules each subgraph derives from its SDL's @guard classes, through an in-process gateway: a field a
// role may not read is FORBIDDEN and recorded as a refusal with the patient its object belongs to; fields for
// the gateway itself or for another subgraph refuse every person.

const federation = inProcessFederation();

const olivia = demoPatients.olivia.id;
const record = `query ($id: ID!) { patient(id: $id) { name { family } problems { id } referrals { specialty } appointments { clinicName } } }`;

const codesOf = (answer: { errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] }) =>
  (answer.errors ?? []).map((error) => `${(error.path ?? []).join('.')}:${String(error.extensions?.['code'])}`);

test('a booking clerk gets the demographics and the booking, not the clinical content, and the refusal is recorded', async () => {
  const answer = await federation().as('clerk', record, { id: olivia });
  expect(answer.data?.['patient']).toMatchObject({ name: { family: 'Bennett' }, problems: null });
  expect(codesOf(answer)).toContain('patient.problems:FORBIDDEN');
  const refusals = federation()
    .audit.ofRequest(answer.requestId)
    .filter((event) => event.outcome === 'DENIED');
  expect(refusals).toContainEqual(
    expect.objectContaining({ subgraph: 'patient', action: 'field.read', patient_id: olivia, items: ['Patient.problems'] }),
  );
});

test('a clinician with a relationship reads every part, and every read is recorded as allowed', async () => {
  const answer = await federation().as('gp', record, { id: olivia });
  expect(answer.errors).toBeUndefined();
  const events = federation().audit.ofRequest(answer.requestId);
  expect(events.every((event) => event.outcome === 'ALLOWED')).toBe(true);
  // Every subgraph that holds part of the record decided for itself (the audit subgraph holds none of it).
  expect(new Set(events.map((event) => event.subgraph))).toEqual(new Set(subgraphNames.filter((name) => name !== 'audit')));
});

test('the security log is closed to a clinician (role without audit.read), open to the privacy officer', async () => {
  const query = `{ accessEvents(first: 5) { edges { node { id } } } }`;
  expect(codesOf(await federation().as('gp', query))).toEqual(['accessEvents:FORBIDDEN']);
  const officer = await federation().as('privacyOfficer', query);
  expect(officer.errors).toBeUndefined();
});

describe('fields that are not for people', () => {
  const user = async (): Promise<Caller> => federation().callerOf('consultant');
  const service = (name: string): Caller => ({
    kind: 'service',
    userId: name,
    roleProfileId: 'service',
    jobRoleCode: 'SERVICE',
    organisationOds: 'EPR',
    requestId: randomUUID(),
  });
  const teams = `{ _referralTeams(organisation: "RX1", service: "Cardiology") }`;

  test('the directory look-up the gateway makes for itself (SYSTEM) refuses a person', async () => {
    const answer = await federation().execute(
      'patient',
      `{ _sessionRoleProfile(userId: "dr.amelia.hart", roleProfileId: "rp-hart-rx1") { jobRoleCode } }`,
      {},
      await user(),
    );
    expect(answer.errors?.map((e) => e.extensions['code'])).toEqual(['FORBIDDEN']);
  });

  test('the receiving teams (SERVICE for care-pathway) answer care-pathway only', async () => {
    const asPerson = await federation().execute('patient', teams, {}, await user());
    expect(asPerson.errors?.map((e) => e.extensions['code'])).toEqual(['FORBIDDEN']);
    const asScheduling = await federation().execute('patient', teams, {}, service('scheduling'));
    expect(asScheduling.errors?.map((e) => e.extensions['code'])).toEqual(['FORBIDDEN']);
    const asCarePathway = await federation().execute<{ _referralTeams: string[] }>('patient', teams, {}, service('care-pathway'));
    expect(asCarePathway.errors).toBeUndefined();
    expect(asCarePathway.data!._referralTeams.length).toBeGreaterThan(0);
  });

  test('the organisation names (SERVICE for audit) answer audit only, in the order asked, null for an unknown code', async () => {
    const names = `{ _organisationNames(odsCodes: ["A81001", "NOPE1", "RX1"]) }`;
    const asPerson = await federation().execute('patient', names, {}, await user());
    expect(asPerson.errors?.map((e) => e.extensions['code'])).toEqual(['FORBIDDEN']);
    const asCarePathway = await federation().execute('patient', names, {}, service('care-pathway'));
    expect(asCarePathway.errors?.map((e) => e.extensions['code'])).toEqual(['FORBIDDEN']);
    const asAudit = await federation().execute<{ _organisationNames: (string | null)[] }>('patient', names, {}, service('audit'));
    expect(asAudit.errors).toBeUndefined();
    const [practice, unknown, trust] = asAudit.data!._organisationNames;
    expect([typeof practice, unknown, typeof trust]).toEqual(['string', null, 'string']);
    expect(practice).not.toBe(trust);
  });
});
