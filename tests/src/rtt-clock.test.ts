import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { graphql } from './support/gateway-client.js';
import { tokenOf } from './support/people.js';
import { clinicianReceiving, receiveReferral } from './support/referrals.js';
import { callSubgraph, stackSigner, vouchedFor } from './support/subgraph-call.js';
import { stackState } from './support/stack-state.js';

// The national rules as the API applies them (PRN01045 v5.0 section 2.2). Pathways here belong to a provider
// of their own, so the seeded RX1 reports are untouched.
const provider = 'RTTCLK';
const georgeMcAllister = '5e1f0c3a-0000-4000-8000-000000000004';
const specialty = 'Rheumatology';

const recordRttEvent = `mutation ($input: RecordRttEventInput!) {
  recordRttEvent(input: $input) { clockPhase currentPeriod { startedOn startRule endedOn endReason endStatus { code } admitted decisionToAdmitOn } }
}`;

const recordOutcome = `mutation ($input: AppointmentOutcomeInput!) { recordAppointmentOutcome(input: $input) { eventId applied } }`;

const pathwayState = `query ($id: ID!) {
  pathway(id: $id) {
    clockPhase
    periods { ordinal startedOn startRule endedOn endReason }
    timeline(first: 50) { entries { kind clockEffect rttStatus { code } appointmentOutcome } }
  }
}`;

// The provider's own clinician records its RTT statuses (a clinician of its rheumatology team).
async function clinician() {
  return tokenOf(await clinicianReceiving(provider, specialty));
}

/** A new pathway for a referral received on `receivedOn`. */
async function newPathway(receivedOn = '2026-01-05'): Promise<string> {
  const body = await receiveReferral({
    patientId: georgeMcAllister,
    receivingOrganisation: provider,
    specialty,
    reason: 'Inflammatory arthritis of both hands.',
    receivedOn,
  });
  expect(body.errors).toBeUndefined();
  return body.data!.createReferral.pathway.id;
}

async function record(pathwayId: string, rttStatus: string, occurredOn: string, extra: Record<string, unknown> = {}) {
  return graphql<{ recordRttEvent: Record<string, any> }>(recordRttEvent, {
    token: await clinician(),
    variables: { input: { pathwayId, rttStatus, occurredOn, ...extra } },
  });
}

async function stateOf(pathwayId: string) {
  const { body } = await graphql<{ pathway: Record<string, any> }>(pathwayState, {
    token: await clinician(),
    variables: { id: pathwayId },
  });
  expect(body.errors).toBeUndefined();
  return body.data!.pathway;
}

/** Calls care-pathway directly in the scheduling service's own name, as its outcome relay does. */
async function asScheduling(input: Record<string, unknown>) {
  return callSubgraph<{ recordAppointmentOutcome: { eventId: string; applied: boolean } }>(
    'care-pathway',
    await stackSigner('scheduling'),
    { ...vouchedFor.scheduling, requestId: randomUUID() },
    recordOutcome,
    { input },
  );
}

function outcome(pathwayId: string, change: Record<string, unknown>) {
  return {
    eventId: randomUUID(),
    pathwayId,
    appointmentId: randomUUID(),
    outcome: 'ATTENDED',
    firstAppointment: true,
    occurredAt: '2026-02-02T10:00:00Z',
    ...change,
  };
}

async function eventCount(pathwayId: string): Promise<number> {
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM care_pathway.pathway_event WHERE pathway_id = $1', [
      pathwayId,
    ]);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('recording RTT statuses through the gateway', () => {
  test('a decision to admit keeps the clock running; admission for treatment stops it on the admission date (4.3.2.3)', async () => {
    const id = await newPathway();
    const decided = await record(id, '20', '2026-02-10', { decisionToAdmit: true, note: 'Listed for synovectomy.' });
    expect(decided.body.data!.recordRttEvent).toMatchObject({
      clockPhase: 'RUNNING',
      currentPeriod: { decisionToAdmitOn: '2026-02-10', endedOn: null },
    });
    const treated = await record(id, '30', '2026-04-14', { admitted: true });
    expect(treated.body.data!.recordRttEvent).toMatchObject({
      clockPhase: 'STOPPED',
      currentPeriod: {
        startedOn: '2026-01-05',
        endedOn: '2026-04-14',
        endReason: 'FIRST_DEFINITIVE_TREATMENT',
        endStatus: { code: '30' },
        admitted: true,
      },
    });
  });

  test('active monitoring stops the clock; a decision to treat (11) starts a new one (rule 3d)', async () => {
    const id = await newPathway();
    await record(id, '32', '2026-02-10');
    const restarted = await record(id, '11', '2026-08-03');
    expect(restarted.body.errors).toBeUndefined();
    const state = await stateOf(id);
    expect(state.periods).toEqual([
      { ordinal: 1, startedOn: '2026-01-05', startRule: 'REFERRAL', endedOn: '2026-02-10', endReason: 'ACTIVE_MONITORING' },
      { ordinal: 2, startedOn: '2026-08-03', startRule: 'ACTIVE_MONITORING_ENDED', endedOn: null, endReason: null },
    ]);
  });

  test('the wait at a census date: days, completed weeks, weekly band and breach date', async () => {
    const id = await newPathway('2026-01-05');
    const { body } = await graphql<{ pathway: { at126: Record<string, unknown>; at127: Record<string, unknown> } }>(
      `
        query ($id: ID!) {
          pathway(id: $id) {
            at126: rtt(censusDate: "2026-05-11") {
              clockRunning
              daysWaited
              weeksWaited
              band {
                label
              }
              withinStandard
              breachDate
            }
            at127: rtt(censusDate: "2026-05-12") {
              daysWaited
              band {
                label
              }
              withinStandard
            }
          }
        }
      `,
      { token: await clinician(), variables: { id } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.pathway.at126).toEqual({
      clockRunning: true,
      daysWaited: 126,
      weeksWaited: 18,
      band: { label: '>17-18' },
      withinStandard: true,
      breachDate: '2026-05-12',
    });
    expect(body.data!.pathway.at127).toEqual({ daysWaited: 127, band: { label: '>18-19' }, withinStandard: false });
  });
});

describe('bad RTT events get typed errors and change nothing', () => {
  test.each([
    ['an event dated before the clock start', [], ['30', '2026-01-04'], 'input.occurredOn'],
    ['a stop with no running clock (treated already)', [['30', '2026-02-01']], ['30', '2026-03-01'], 'input.rttStatus'],
    ['a new clock after monitoring with 10 instead of 11', [['31', '2026-02-01']], ['10', '2026-03-01'], 'input.rttStatus'],
    ['an unknown status code', [], ['37', '2026-02-01'], 'input.rttStatus'],
    ['a date in the future', [], ['30', '2099-01-01'], 'input.occurredOn'],
  ] as [string, [string, string][], [string, string], string][])('%s', async (_label, before, [code, on], field) => {
    const id = await newPathway();
    for (const [c, d] of before) expect((await record(id, c, d)).body.errors).toBeUndefined();
    const stateBefore = await stateOf(id);
    const { body } = await record(id, code, on);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(body.errors?.[0]?.message).not.toMatch(/prisma|sql|postgres/i);
    expect(await stateOf(id)).toEqual(stateBefore);
  });

  test('an event dated before a later one the rules would then refuse is a CONFLICT naming that event, and changes nothing', async () => {
    const id = await newPathway();
    expect((await record(id, '20', '2026-03-01')).body.errors).toBeUndefined();
    const stateBefore = await stateOf(id);
    // Treatment on 1 February would leave the status 20 of 1 March with no running clock.
    const { body } = await record(id, '30', '2026-02-01');
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/RTT status 20 of 2026-03-01/),
      extensions: { code: 'CONFLICT', field: 'input.occurredOn' },
    });
    expect(await stateOf(id)).toEqual(stateBefore);
  });

  test('a census date before the clock start is refused naming the census date', async () => {
    const id = await newPathway('2026-01-05');
    const { body } = await graphql(
      `
        query ($id: ID!) {
          pathway(id: $id) {
            rtt(censusDate: "2026-01-04") {
              daysWaited
            }
          }
        }
      `,
      {
        token: await clinician(),
        variables: { id },
      },
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'censusDate' });
  });

  test('an unknown pathway is NOT_FOUND', async () => {
    const { body } = await record('ba7e0000-0000-4000-8000-0000000000fe', '30', '2026-02-01');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.pathwayId' });
  });
});

describe('appointment outcomes delivered by scheduling', () => {
  test('a clearly communicated first-appointment DNA nullifies the clock; the same event delivered again changes nothing', async () => {
    const id = await newPathway();
    const dna = outcome(id, { outcome: 'DID_NOT_ATTEND', dnaCommunicatedClearly: true });
    const first = await asScheduling(dna);
    expect(first.body).toEqual({ data: { recordAppointmentOutcome: { eventId: dna.eventId, applied: true } } });
    const events = await eventCount(id);
    const again = await asScheduling(dna);
    expect(again.body.data!.recordAppointmentOutcome).toEqual({ eventId: dna.eventId, applied: false });
    expect(await eventCount(id)).toBe(events);
    const state = await stateOf(id);
    expect(state.clockPhase).toBe('NULLIFIED');
    expect(state.timeline.entries.at(-1)).toEqual({
      kind: 'APPOINTMENT_OUTCOME',
      clockEffect: 'NULLIFIED',
      rttStatus: { code: '33' },
      appointmentOutcome: 'DID_NOT_ATTEND',
    });
  });

  test('a first-appointment DNA without evidence of clear communication leaves the clock running', async () => {
    const id = await newPathway();
    await asScheduling(outcome(id, { outcome: 'DID_NOT_ATTEND', dnaCommunicatedClearly: false }));
    const state = await stateOf(id);
    expect(state.clockPhase).toBe('RUNNING');
    expect(state.periods).toEqual([expect.objectContaining({ startedOn: '2026-01-05', endedOn: null })]);
  });

  test('cancellations by the patient or the hospital do not stop or restart the clock (4.4.2)', async () => {
    const id = await newPathway();
    await asScheduling(outcome(id, { outcome: 'CANCELLED_BY_PATIENT', occurredAt: '2026-01-20T09:00:00Z' }));
    await asScheduling(outcome(id, { outcome: 'CANCELLED_BY_HOSPITAL', occurredAt: '2026-02-20T09:00:00Z' }));
    const state = await stateOf(id);
    expect(state.clockPhase).toBe('RUNNING');
    expect(state.periods).toEqual([expect.objectContaining({ startedOn: '2026-01-05', endedOn: null })]);
    expect(state.timeline.entries.slice(1).map((e: { clockEffect: string }) => e.clockEffect)).toEqual(['CONTINUED', 'CONTINUED']);
  });

  test('one event delivered many times at once is applied exactly once', async () => {
    const id = await newPathway();
    const attended = outcome(id, {});
    const results = await Promise.all(Array.from({ length: 5 }, () => asScheduling(attended)));
    expect(results.map((r) => r.body.data?.recordAppointmentOutcome.applied).sort()).toEqual([false, false, false, false, true]);
    expect(await eventCount(id)).toBe(2);
  });

  test('an outcome dated before events already recorded is folded in where it happened, marked back-entered', async () => {
    const id = await newPathway();
    await record(id, '20', '2026-03-01');
    const late = outcome(id, { occurredAt: '2026-02-02T10:00:00Z' });
    expect((await asScheduling(late)).body.data!.recordAppointmentOutcome.applied).toBe(true);
    const { body } = await graphql<{ pathway: { timeline: { entries: Record<string, unknown>[] } } }>(
      `
        query ($id: ID!) {
          pathway(id: $id) {
            timeline {
              entries {
                kind
                occurredOn
                clockEffect
                backEntered
              }
            }
          }
        }
      `,
      { token: await clinician(), variables: { id } },
    );
    expect(body.data!.pathway.timeline.entries).toEqual([
      { kind: 'REFERRAL_RECEIVED', occurredOn: '2026-01-05', clockEffect: 'STARTED', backEntered: false },
      { kind: 'APPOINTMENT_OUTCOME', occurredOn: '2026-02-02', clockEffect: 'CONTINUED', backEntered: true },
      { kind: 'RTT_STATUS', occurredOn: '2026-03-01', clockEffect: 'CONTINUED', backEntered: false },
    ]);
  });

  test('a first-appointment DNA reported late, before the rebooking (10), nullifies the first clock and the 10 starts a new one', async () => {
    const id = await newPathway();
    await record(id, '10', '2026-03-01');
    const dna = outcome(id, { outcome: 'DID_NOT_ATTEND', dnaCommunicatedClearly: true, occurredAt: '2026-02-02T10:00:00Z' });
    expect((await asScheduling(dna)).body.data!.recordAppointmentOutcome.applied).toBe(true);
    const state = await stateOf(id);
    expect(state.periods).toEqual([
      { ordinal: 1, startedOn: '2026-01-05', startRule: 'REFERRAL', endedOn: '2026-02-02', endReason: 'NULLIFIED' },
      { ordinal: 2, startedOn: '2026-03-01', startRule: 'REBOOKED_AFTER_DNA', endedOn: null, endReason: null },
    ]);
    expect(state.timeline.entries.map((e: { clockEffect: string }) => e.clockEffect)).toEqual(['STARTED', 'NULLIFIED', 'STARTED']);
  });

  test('an outcome that would make a later event break the rules is refused with CONFLICT naming occurredAt', async () => {
    const id = await newPathway();
    await record(id, '20', '2026-03-01');
    const dna = outcome(id, { outcome: 'DID_NOT_ATTEND', dnaCommunicatedClearly: true, occurredAt: '2026-02-02T10:00:00Z' });
    // The status 20 means the patient was seen by 1 March; a nullifying DNA before it needs the rebooking recorded first.
    const { body } = await asScheduling(dna);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.occurredAt' });
    expect(await eventCount(id)).toBe(2);
  });

  test('an outcome for an unknown pathway is NOT_FOUND', async () => {
    const { body } = await asScheduling(outcome('ba7e0000-0000-4000-8000-0000000000fd', {}));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.pathwayId' });
  });

  test('only scheduling may deliver outcomes: hidden from the public API, and refused to a user credential', async () => {
    const id = await newPathway();
    const viaGateway = await graphql(recordOutcome, { token: await clinician(), variables: { input: outcome(id, {}) } });
    expect(viaGateway.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const direct = await callSubgraph(
      'care-pathway',
      await stackSigner(),
      { ...vouchedFor.consultant, requestId: randomUUID() },
      recordOutcome,
      {
        input: outcome(id, {}),
      },
    );
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await eventCount(id)).toBe(1);
  });
});
