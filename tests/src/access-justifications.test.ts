import { graphql, tokenFor } from './support/gateway-client.js';
import { as } from './support/people.js';
import { receivedReferral } from './support/referrals.js';

/*
 * An emergency (break-glass) reason and a seal-override justification are one kind of text with one rule:
 * 10 to 500 characters after trimming, plain text on one line. Each is tried at and across both limits and
 * with characters that could make the recorded words read differently; a refused one opens nothing.
 */
const practiceTeam = 'ca7e7ea0-0000-4000-8000-000000000006';
const problems = `query ($id: ID!, $justification: String) {
  patient(id: $id) { problems(sealOverrideJustification: $justification) { code { term } } }
}`;
const emergency = `mutation ($id: ID!, $reason: String!) { emergencyAccess(patientId: $id, reason: $reason) { reason } }`;

const refused = [
  ['9 characters', 'x'.repeat(9)],
  ['9 characters inside spaces', `   ${'x'.repeat(9)}    `],
  ['501 characters', 'x'.repeat(501)],
  ['a line break', 'Safeguarding\nreview'],
  ['a right-to-left override', 'Safeguarding review \u202e'],
  ['a zero-width space', 'Safeguarding\u200breview'],
] as const;

/** A patient of the GP practice with one sealed problem; the Caldicott Guardian holds a colleague grant. */
async function patientWithSealedProblem(familyName: string): Promise<string> {
  const registered = await as<{ registerPatient: { id: string } }>(
    'reception',
    `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`,
    { input: { givenName: 'Seren', familyName, birthDate: '1970-05-05', registeredGpPractice: 'A81001' } },
  );
  expect(registered.errors).toBeUndefined();
  const id = registered.data!.registerPatient.id;
  const sealed = await as('gp', `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`, {
    input: {
      patientId: id,
      code: { conceptId: '35489007', term: 'Depressive disorder' },
      sealLevel: 'SEALED',
      authoringTeamId: practiceTeam,
    },
  });
  expect(sealed.errors).toBeUndefined();
  const grant = await as(
    'gp',
    `mutation ($id: ID!) { grantLegitimateRelationship(patientId: $id, colleagueUserId: "cg.helen.ward", reasonCode: "LR05") { type } }`,
    { id },
  );
  expect(grant.errors).toBeUndefined();
  return id;
}

describe('seal-override justification', () => {
  let patientId: string;
  beforeAll(async () => {
    patientId = await patientWithSealedProblem('Justifson');
  });

  test.each(refused)('%s: BAD_USER_INPUT naming the argument, and the seal stays shut', async (_label, justification) => {
    const view = await as<{ patient: { problems: unknown[] | null } }>('caldicott', problems, { id: patientId, justification });
    expect(view.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sealOverrideJustification' });
    expect(view.errors?.[0]?.message).toMatch(/sealOverrideJustification/);
    expect(view.data?.patient?.problems ?? null).toBeNull();
    expect(JSON.stringify(view)).not.toContain('Depressive');
  });

  test.each([
    ['10 characters', 'x'.repeat(10)],
    ['500 characters', 'x'.repeat(500)],
  ])('%s opens the sealed item', async (_label, justification) => {
    const view = await as<{ patient: { problems: { code: { term: string } }[] } }>('caldicott', problems, { id: patientId, justification });
    expect(view.errors).toBeUndefined();
    expect(view.data!.patient.problems.map((p) => p.code.term)).toEqual(['Depressive disorder']);
  });
});

describe('emergency access reason', () => {
  let patientId: string;
  beforeAll(async () => {
    patientId = await patientWithSealedProblem('Reasonova');
  });

  test.each(refused)('%s: BAD_USER_INPUT naming the argument, and no access is granted', async (_label, reason) => {
    const glass = await as('nurse', emergency, { id: patientId, reason });
    expect(glass.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(glass.errors?.[0]?.message).toMatch(/\(reason\)/);
    const view = await as('nurse', problems, { id: patientId });
    expect(view.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test.each([
    ['10 characters', 'x'.repeat(10)],
    ['500 characters', 'y'.repeat(500)],
  ])('%s is accepted and recorded trimmed', async (_label, reason) => {
    const glass = await as<{ emergencyAccess: { reason: string } }>('nurse', emergency, { id: patientId, reason: `  ${reason} ` });
    expect(glass.errors).toBeUndefined();
    expect(glass.data!.emergencyAccess.reason).toBe(reason);
  });
});

describe('seal-override justification on an assessment (care-pathway)', () => {
  test('the same rule refuses a short one, naming the argument', async () => {
    const georgeMcAllister = '5e1f0c3a-0000-4000-8000-000000000004';
    const hart = await tokenFor('dr.amelia.hart', 'rp-hart-rx1');
    // Received for RX1's cardiology team, so Dr Hart (a member) may open the pathway's clinical content.
    const { pathway } = await receivedReferral({
      patientId: georgeMcAllister,
      specialty: 'Cardiology',
      reason: 'Palpitations and breathlessness.',
      receivedOn: '2026-09-02',
    });
    const started = await graphql(
      `
        mutation ($input: StartAssessmentInput!) {
          startAssessment(input: $input) {
            id
          }
        }
      `,
      { token: hart, variables: { input: { pathwayId: pathway.id, title: 'First assessment' } } },
    );
    expect(started.body.errors).toBeUndefined();
    const read = await graphql(
      `
        query ($id: ID!) {
          pathway(id: $id) {
            assessments {
              contributions(sealOverrideJustification: "Because") {
                discipline
              }
            }
          }
        }
      `,
      { token: hart, variables: { id: pathway.id } },
    );
    expect(read.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sealOverrideJustification' });
  });
});
