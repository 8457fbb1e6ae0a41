import { graphql, tokenFor } from './support/gateway-client.js';
import { receivedReferral } from './support/referrals.js';

// Multi-disciplinary assessments and letters on a pathway of their own. George McAllister is referred to RX1's
// cardiology service (so its team, Dr Hart and Nurse Okafor, holds a referral relationship) and registered with
// A81001 (so his GP holds one too).
const georgeMcAllister = '5e1f0c3a-0000-4000-8000-000000000004';

let pathwayId: string;

beforeAll(async () => {
  const referral = await receivedReferral({
    patientId: georgeMcAllister,
    specialty: 'Cardiology',
    reason: 'Aortic stenosis; considering valve replacement.',
    receivedOn: '2026-09-01',
  });
  pathwayId = referral.pathway.id;
});

async function as(user: string, role: string) {
  const token = await tokenFor(user, role);
  return <T>(query: string, variables: Record<string, unknown>) => graphql<T>(query, { token, variables });
}

const contribute = `mutation ($input: ContributeToAssessmentInput!) {
  contributeToAssessment(input: $input) { discipline sealLevel author { userId jobRoleCode organisation } }
}`;

describe('multi-disciplinary assessments', () => {
  test('professionals from different organisations contribute, each authored in their role; sign-off closes it', async () => {
    const consultant = await as('dr.amelia.hart', 'rp-hart-rx1');
    const started = await consultant<{ startAssessment: { id: string; status: string } }>(
      `mutation ($input: StartAssessmentInput!) { startAssessment(input: $input) { id status } }`,
      { input: { pathwayId, title: 'Pre-operative assessment' } },
    );
    expect(started.body.data!.startAssessment.status).toBe('OPEN');
    const assessmentId = started.body.data!.startAssessment.id;

    const nurse = await as('nurse.ben.okafor', 'rp-okafor-rx1');
    const gp = await as('gp.david.lee', 'rp-lee-a81001');
    const fromNurse = await nurse<{ contributeToAssessment: unknown }>(contribute, {
      input: { assessmentId, discipline: 'Nursing', content: 'Fit for surgery; lives alone.' },
    });
    const fromGp = await gp<{ contributeToAssessment: unknown }>(contribute, {
      input: { assessmentId, discipline: 'General practice', content: 'History of low mood; see GP record.', sealLevel: 'SEALED' },
    });
    expect(fromNurse.body.data!.contributeToAssessment).toEqual({
      discipline: 'Nursing',
      sealLevel: 'NONE',
      author: { userId: 'nurse.ben.okafor', jobRoleCode: 'R8001', organisation: 'RX1' },
    });
    expect(fromGp.body.data!.contributeToAssessment).toEqual({
      discipline: 'General practice',
      sealLevel: 'SEALED',
      author: { userId: 'gp.david.lee', jobRoleCode: 'R8000', organisation: 'A81001' },
    });

    const signedOff = await consultant<{ signOffAssessment: Record<string, unknown> }>(
      `mutation ($input: SignOffAssessmentInput!) {
        signOffAssessment(input: $input) { status signedOffBy { userId organisation } contributions { discipline sealed } }
      }`,
      { input: { assessmentId } },
    );
    expect(signedOff.body.errors).toBeUndefined();
    // The GP sealed theirs: the consultant sees that it exists, not what it says.
    expect(signedOff.body.data!.signOffAssessment).toEqual({
      status: 'SIGNED_OFF',
      signedOffBy: { userId: 'dr.amelia.hart', organisation: 'RX1' },
      contributions: [
        { discipline: 'Nursing', sealed: false },
        { discipline: null, sealed: true },
      ],
    });

    const late = await nurse(contribute, { input: { assessmentId, discipline: 'Nursing', content: 'One more thing.' } });
    expect(late.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const timeline = await consultant<{ pathway: { timeline: { entries: { kind: string; assessment: { title: string } | null }[] } } }>(
      `query ($id: ID!) { pathway(id: $id) { timeline { entries { kind assessment { title } } } } }`,
      { id: pathwayId },
    );
    expect(timeline.body.data!.pathway.timeline.entries.at(-1)).toEqual({
      kind: 'ASSESSMENT_SIGNED_OFF',
      assessment: { title: 'Pre-operative assessment' },
    });
  });

  test('an assessment without contributions cannot be signed off (CONFLICT)', async () => {
    const consultant = await as('dr.amelia.hart', 'rp-hart-rx1');
    const started = await consultant<{ startAssessment: { id: string } }>(
      `mutation ($input: StartAssessmentInput!) { startAssessment(input: $input) { id } }`,
      {
        input: { pathwayId, title: 'Discharge planning' },
      },
    );
    const { body } = await consultant(`mutation ($input: SignOffAssessmentInput!) { signOffAssessment(input: $input) { status } }`, {
      input: { assessmentId: started.body.data!.startAssessment.id },
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  test('a contribution with no content is refused naming the field', async () => {
    const consultant = await as('dr.amelia.hart', 'rp-hart-rx1');
    const started = await consultant<{ startAssessment: { id: string } }>(
      `mutation ($input: StartAssessmentInput!) { startAssessment(input: $input) { id } }`,
      {
        input: { pathwayId, title: 'Physiotherapy review' },
      },
    );
    const { body } = await consultant(contribute, {
      input: { assessmentId: started.body.data!.startAssessment.id, discipline: 'Physiotherapy', content: ' ' },
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
  });
});

describe('letters and notes', () => {
  test('a letter added to a pathway is listed newest first and appears on its timeline', async () => {
    const consultant = await as('dr.amelia.hart', 'rp-hart-rx1');
    const added = await consultant<{ addPathwayDocument: Record<string, unknown> }>(
      `mutation ($input: AddPathwayDocumentInput!) { addPathwayDocument(input: $input) { kind title author { userId jobRoleCode } } }`,
      { input: { pathwayId, kind: 'LETTER', title: 'Clinic letter', body: 'Dear Dr Lee, ...' } },
    );
    expect(added.body.data!.addPathwayDocument).toEqual({
      kind: 'LETTER',
      title: 'Clinic letter',
      author: { userId: 'dr.amelia.hart', jobRoleCode: 'R8000' },
    });
    await consultant(`mutation ($input: AddPathwayDocumentInput!) { addPathwayDocument(input: $input) { id } }`, {
      input: { pathwayId, kind: 'NOTE', title: 'Telephone call', body: 'Patient asked about waiting time.' },
    });
    const { body } = await consultant<{ pathway: { documents: { title: string }[] } }>(
      `query ($id: ID!) { pathway(id: $id) { documents { title } } }`,
      { id: pathwayId },
    );
    expect(body.data!.pathway.documents.map((d) => d.title)).toEqual(['Telephone call', 'Clinic letter']);
  });

  test('a letter for an unknown pathway is NOT_FOUND', async () => {
    const consultant = await as('dr.amelia.hart', 'rp-hart-rx1');
    const { body } = await consultant(`mutation ($input: AddPathwayDocumentInput!) { addPathwayDocument(input: $input) { id } }`, {
      input: { pathwayId: 'ba7e0000-0000-4000-8000-0000000000fc', kind: 'NOTE', title: 'Note', body: 'Text' },
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.pathwayId' });
  });
});
