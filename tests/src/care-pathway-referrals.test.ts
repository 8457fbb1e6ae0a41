import pg from 'pg';
import { graphql, tokenFor } from './support/gateway-client.js';
import { tokenOf, type Staff } from './support/people.js';
import { clinicianReceiving, receiveReferral } from './support/referrals.js';
import { stackState } from './support/stack-state.js';

// Referrals here go to a provider of their own, so the seeded RX1 waiting list stays as the report tests expect.
const provider = 'RTTREF';
const aishaRahman = '5e1f0c3a-0000-4000-8000-000000000003';
const specialty = 'Respiratory medicine';

const createReferral = `mutation ($input: CreateReferralInput!) {
  createReferral(input: $input) {
    id receivedOn receivingOrganisation specialty priority ubrn reason source
    referrer { organisation clinician }
    triage { status }
    patient { id }
    pathway { id organisation clockPhase currentPeriod { startedOn startRule endedOn breachDate } }
  }
}`;

const triageReferral = `mutation ($input: TriageReferralInput!) {
  triageReferral(input: $input) {
    receivingOrganisation specialty
    triage { status reason decidedBy }
    pathway { organisation specialty clockPhase currentPeriod { startedOn endReason } timeline { entries { kind note } } }
  }
}`;

function referralInput(change: Record<string, unknown> = {}) {
  return {
    patientId: aishaRahman,
    referringOrganisation: 'a81001',
    referringClinician: 'Dr David Lee',
    receivingOrganisation: provider,
    specialty,
    priority: 'ROUTINE',
    reason: 'Chronic cough for three months.',
    ubrn: '9990 0000 0061',
    receivedOn: '2026-10-01',
    ...change,
  };
}

// Dr Lee refers Aisha Rahman, his practice's registered patient (a referral sent by its referrer).
async function asReferrer() {
  return tokenFor('gp.david.lee', 'rp-lee-a81001');
}

// Triage is the receiving service's: a clinician of the provider's respiratory team.
let triager: Staff;

beforeAll(async () => {
  triager = await clinicianReceiving(provider, specialty);
});

async function asClinician() {
  return tokenOf(triager);
}

async function rowCounts(): Promise<{ referrals: number; pathways: number; events: number }> {
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ referrals: number; pathways: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM care_pathway.referral) AS referrals, (SELECT count(*)::int FROM care_pathway.pathway) AS pathways,
              (SELECT count(*)::int FROM care_pathway.pathway_event) AS events`,
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

/** A referral for the triage tests, received from e-RS by the provider's interface engine. */
async function received(change: Record<string, unknown> = {}) {
  const body = await receiveReferral(referralInput(change));
  expect(body.errors).toBeUndefined();
  return body.data!.createReferral;
}

describe('receiving a referral', () => {
  test('receipt records the referral and starts its pathway’s RTT clock on the date received (rule 1, 3.2.1)', async () => {
    const { body } = await graphql<{ createReferral: Record<string, any> }>(createReferral, {
      token: await asReferrer(),
      variables: { input: referralInput() },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.createReferral).toMatchObject({
      receivedOn: '2026-10-01',
      receivingOrganisation: provider,
      ubrn: '999000000061',
      source: 'REFERRER',
      referrer: { organisation: 'A81001', clinician: 'Dr David Lee' },
      triage: { status: 'AWAITING_TRIAGE' },
      patient: { id: aishaRahman },
      pathway: {
        organisation: provider,
        clockPhase: 'RUNNING',
        currentPeriod: { startedOn: '2026-10-01', startRule: 'REFERRAL', endedOn: null, breachDate: '2027-02-05' },
      },
    });
  });

  test.each([
    ['a date received in the future', { receivedOn: '2099-01-01' }, 'input.receivedOn'],
    ['a date that does not exist', { receivedOn: '2026-02-30' }, 'input.receivedOn'],
    ['a UBRN that is not 12 digits', { ubrn: '12345' }, 'input.ubrn'],
    ['a receiving organisation that is not an ODS code', { receivingOrganisation: 'Northfield Hospital' }, 'input.receivingOrganisation'],
    ['an empty reason', { reason: '  ' }, 'input.reason'],
    ['a patient id that is not a patient id', { patientId: 'olivia' }, 'input.patientId'],
  ])('%s gets BAD_USER_INPUT naming the field, and nothing is written', async (_label, change, field) => {
    const before = await rowCounts();
    const { body } = await graphql(createReferral, { token: await asReferrer(), variables: { input: referralInput(change) } });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await rowCounts()).toEqual(before);
  });
});

describe('triage', () => {
  test('accepting a referral keeps the clock running and puts the decision on the timeline', async () => {
    const referral = await received();
    const { body } = await graphql<{ triageReferral: Record<string, any> }>(triageReferral, {
      token: await asClinician(),
      variables: { input: { referralId: referral.id, decision: 'ACCEPT' } },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.triageReferral).toMatchObject({
      triage: { status: 'ACCEPTED', decidedBy: triager.userId },
      pathway: { clockPhase: 'RUNNING' },
    });
    expect(body.data!.triageReferral.pathway.timeline.entries.map((e: { kind: string }) => e.kind)).toEqual([
      'REFERRAL_RECEIVED',
      'REFERRAL_ACCEPTED',
    ]);
  });

  test('rejecting a referral with a reason closes its clock; it never becomes a reported pathway', async () => {
    const referral = await received();
    const { body } = await graphql<{ triageReferral: Record<string, any> }>(triageReferral, {
      token: await asClinician(),
      variables: { input: { referralId: referral.id, decision: 'REJECT', reason: 'Should be managed in primary care first.' } },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.triageReferral).toMatchObject({
      triage: { status: 'REJECTED', reason: 'Should be managed in primary care first.' },
      pathway: { clockPhase: 'CLOSED', currentPeriod: { endReason: 'REFERRAL_REJECTED' } },
    });
  });

  test('redirecting a referral moves its pathway to the new service with the original clock start (3.2.2)', async () => {
    const referral = await received({ receivedOn: '2026-09-01' });
    const { body } = await graphql<{ triageReferral: Record<string, any> }>(triageReferral, {
      token: await asClinician(),
      variables: {
        input: {
          referralId: referral.id,
          decision: 'REDIRECT',
          reason: 'Sleep clinic is the right service.',
          redirectTo: { organisation: provider, specialty: 'Sleep medicine' },
        },
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.triageReferral).toMatchObject({
      specialty: 'Sleep medicine',
      triage: { status: 'AWAITING_TRIAGE', reason: 'Sleep clinic is the right service.' },
      pathway: { specialty: 'Sleep medicine', clockPhase: 'RUNNING', currentPeriod: { startedOn: '2026-09-01' } },
    });
    expect(body.data!.triageReferral.pathway.timeline.entries.at(-1)).toMatchObject({
      kind: 'REFERRAL_REDIRECTED',
      note: expect.stringContaining('Sleep medicine'),
    });
  });

  test('a referral already triaged cannot be triaged again (CONFLICT), and nothing is written', async () => {
    const referral = await received();
    const token = await asClinician();
    await graphql(triageReferral, { token, variables: { input: { referralId: referral.id, decision: 'ACCEPT' } } });
    const before = await rowCounts();
    const { body } = await graphql(triageReferral, {
      token,
      variables: { input: { referralId: referral.id, decision: 'REJECT', reason: 'Changed my mind.' } },
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await rowCounts()).toEqual(before);
  });

  test.each([
    ['a rejection without a reason', { decision: 'REJECT' }, 'input.reason'],
    ['a redirection without a destination', { decision: 'REDIRECT', reason: 'Wrong service.' }, 'input.redirectTo'],
  ])('%s gets BAD_USER_INPUT naming the field', async (_label, change, field) => {
    const referral = await received();
    const { body } = await graphql(triageReferral, {
      token: await asClinician(),
      variables: { input: { referralId: referral.id, ...change } },
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  test('triage of an unknown referral is NOT_FOUND', async () => {
    const { body } = await graphql(triageReferral, {
      token: await asClinician(),
      variables: { input: { referralId: '7a2d9b10-0000-4000-8000-0000000000ff', decision: 'ACCEPT' } },
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.referralId' });
  });
});

describe('existing referral reads keep working', () => {
  test('a patient’s referrals and their pathways come back together', async () => {
    const { body } = await graphql<{
      patient: { referrals: { receivingOrganisation: string; specialty: string; pathway: { clockPhase: string } | null }[] };
    }>(
      `
        {
          patient(id: "5e1f0c3a-0000-4000-8000-000000000001") {
            referrals {
              receivingOrganisation
              specialty
              pathway {
                clockPhase
              }
            }
          }
        }
      `,
      { token: await tokenFor('dr.amelia.hart', 'rp-hart-rx1') },
    );
    expect(body.errors).toBeUndefined();
    // The demo referrals to RX1; other tests refer this patient elsewhere.
    const toRx1 = body
      .data!.patient.referrals.filter((r) => r.receivingOrganisation === 'RX1')
      .map(({ receivingOrganisation: _, ...r }) => r);
    expect(toRx1).toEqual([
      { specialty: 'Ophthalmology', pathway: { clockPhase: 'RUNNING' } },
      { specialty: 'Cardiology', pathway: { clockPhase: 'RUNNING' } },
    ]);
  });
});
