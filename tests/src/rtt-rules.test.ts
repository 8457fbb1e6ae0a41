import { graphql } from './support/gateway-client.js';
import { staffAt, tokenOf, type Staff } from './support/people.js';
import { receiveReferral } from './support/referrals.js';
import { withDatabase } from './support/security-log.js';

/*
 * NHS RTT rules-suite cases (PRN01045 v5.0 section 2.2) through the gateway, as a trust's clinicians record them
 * and its booking office reports them. The pathways belong to a provider of their own, so report figures are exact.
 */
const provider = 'RTTRUL';
const georgeMcAllister = '5e1f0c3a-0000-4000-8000-000000000004';

// The provider's own clinician records its RTT statuses, and its own booking office runs its RTT reports.
let recorder: Staff;
let bookingOffice: Staff;
const clinician = () => tokenOf(recorder);

beforeAll(async () => {
  recorder = await staffAt(provider, 'R8000');
  bookingOffice = await staffAt(provider, 'R8010');
});

interface Referral {
  referredOn: string | null;
  receivedOn: string;
  ubrnConvertedOn: string | null;
  rttClockStart: string;
  pathway: { id: string; currentPeriod: { startedOn: string } };
}

/** A referral received from e-RS by the provider's interface engine (no clinician here reads its clinical content). */
async function createReferral(specialty: string, dates: Record<string, unknown>) {
  return receiveReferral<Referral>(
    { patientId: georgeMcAllister, receivingOrganisation: provider, specialty, reason: 'Rules-suite case', ...dates },
    'referredOn receivedOn ubrnConvertedOn rttClockStart pathway { id currentPeriod { startedOn } }',
  );
}

async function newPathway(specialty: string, receivedOn: string): Promise<string> {
  const body = await createReferral(specialty, { receivedOn });
  expect(body.errors).toBeUndefined();
  return body.data!.createReferral.pathway.id;
}

async function record(pathwayId: string, input: Record<string, unknown>) {
  return graphql<{ recordRttEvent: { clockPhase: string } }>(
    `
      mutation ($input: RecordRttEventInput!) {
        recordRttEvent(input: $input) {
          clockPhase
        }
      }
    `,
    { token: await clinician(), variables: { input: { pathwayId, ...input } } },
  );
}

async function recorded(pathwayId: string, input: Record<string, unknown>): Promise<string> {
  const { body } = await record(pathwayId, input);
  expect(body.errors).toBeUndefined();
  return body.data!.recordRttEvent.clockPhase;
}

async function pathway(id: string) {
  const { body } = await graphql<{ pathway: Record<string, any> }>(
    `
      query ($id: ID!) {
        pathway(id: $id) {
          clockPhase
          periods {
            startedOn
            endedOn
            endReason
            decisionToAdmitOn
          }
          timeline {
            entries {
              kind
              occurredOn
              clockEffect
              rttStatus {
                code
              }
              admissionWithoutTreatment
              communicationEvidence
              backEntered
            }
          }
        }
      }
    `,
    { token: await clinician(), variables: { id } },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.pathway;
}

/** Open pathways of one specialty of this provider at a census date (the incomplete-pathway count of the return). */
async function incomplete(specialty: string, censusDate: string): Promise<{ incompletePathways: number; withDecisionToAdmit: number }> {
  const { body } = await graphql<{ rttPerformance: { incompletePathways: number; withDecisionToAdmit: number } }>(
    `
      query ($organisation: String!, $censusDate: Date!, $specialty: String) {
        rttPerformance(organisation: $organisation, censusDate: $censusDate, specialty: $specialty) {
          incompletePathways
          withDecisionToAdmit
        }
      }
    `,
    { token: await tokenOf(bookingOffice), variables: { organisation: provider, censusDate, specialty } },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.rttPerformance;
}

const evidence = 'Appointment letter sent 2025-03-17; text reminder 2025-04-06';

describe('a DNA after the first appointment does not nullify the clock (rules 5e, 5f)', () => {
  test('issue #14: received 2025-02-10, first appointment (10) 2025-03-03, 33 on 2025-04-07 is refused; the pathway stays counted', async () => {
    const id = await newPathway('Rules 5f first appointment', '2025-02-10');
    expect(await recorded(id, { rttStatus: '10', occurredOn: '2025-03-03' })).toBe('RUNNING');

    const { body } = await record(id, { rttStatus: '33', occurredOn: '2025-04-07', communicationEvidence: evidence });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/first appointment.*rule 5e.*34/s),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.rttStatus' },
    });
    expect((await pathway(id)).clockPhase).toBe('RUNNING');
    expect(await incomplete('Rules 5f first appointment', '2025-03-31')).toMatchObject({ incompletePathways: 1 });
    expect(await incomplete('Rules 5f first appointment', '2025-04-30')).toMatchObject({ incompletePathways: 1 });
  });

  test('the same after a decision to admit: 33 is refused and the pathway stays counted, with its decision to admit', async () => {
    const id = await newPathway('Rules 5f decision to admit', '2025-02-10');
    await recorded(id, { rttStatus: '20', occurredOn: '2025-03-03', decisionToAdmit: true });
    const { body } = await record(id, { rttStatus: '33', occurredOn: '2025-04-07', communicationEvidence: evidence });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rttStatus' });
    expect(await incomplete('Rules 5f decision to admit', '2025-03-31')).toEqual({ incompletePathways: 1, withDecisionToAdmit: 1 });
  });

  test('rule 5f: after the later DNA, discharge back to the GP (34) stops the clock as a completed pathway', async () => {
    const id = await newPathway('Rules 5f discharge', '2025-02-10');
    await recorded(id, { rttStatus: '10', occurredOn: '2025-03-03' });
    expect(await recorded(id, { rttStatus: '34', occurredOn: '2025-04-07', note: 'DNA follow-up; discharged under the DNA policy' })).toBe(
      'STOPPED',
    );
    expect((await pathway(id)).periods).toEqual([
      { startedOn: '2025-02-10', endedOn: '2025-04-07', endReason: 'DECISION_NOT_TO_TREAT', decisionToAdmitOn: null },
    ]);
  });
});

describe('rule 5e: a first-appointment DNA nullifies only with evidence it was clearly communicated', () => {
  test('33 without communicationEvidence is refused naming that field, and changes nothing', async () => {
    const id = await newPathway('Rules 5e evidence', '2025-02-10');
    const before = await pathway(id);
    const { body } = await record(id, { rttStatus: '33', occurredOn: '2025-03-03' });
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/clearly communicated/),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.communicationEvidence' },
    });
    expect(await pathway(id)).toEqual(before);
  });

  test('33 with the evidence nullifies the clock: the pathway leaves the reports, and the evidence is on the timeline', async () => {
    const id = await newPathway('Rules 5e nullified', '2025-02-10');
    expect(await recorded(id, { rttStatus: '33', occurredOn: '2025-03-03', communicationEvidence: evidence })).toBe('NULLIFIED');
    expect((await pathway(id)).timeline.entries.at(-1)).toMatchObject({
      kind: 'RTT_STATUS',
      clockEffect: 'NULLIFIED',
      rttStatus: { code: '33' },
      communicationEvidence: evidence,
      backEntered: false,
    });
    // Removed from numerator and denominator (4.4.1.3): as if the clock had never run, so at no census date.
    expect(await incomplete('Rules 5e nullified', '2025-02-28')).toMatchObject({ incompletePathways: 0 });
    expect(await incomplete('Rules 5e nullified', '2025-03-31')).toMatchObject({ incompletePathways: 0 });
  });

  test('evidence goes with 33 only', async () => {
    const id = await newPathway('Rules 5e evidence only with 33', '2025-02-10');
    const { body } = await record(id, { rttStatus: '20', occurredOn: '2025-03-03', communicationEvidence: evidence });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.communicationEvidence' });
  });
});

describe('admissions that do not stop the clock (4.3.2.3)', () => {
  test('a cancelled procedure and a diagnostic admission are on the timeline as status 20; admission for treatment then stops the clock', async () => {
    const specialty = 'Rules 4.3.2.3';
    const id = await newPathway(specialty, '2025-02-10');
    await recorded(id, { rttStatus: '20', occurredOn: '2025-03-03', decisionToAdmit: true });
    expect(await recorded(id, { admissionWithoutTreatment: 'DIAGNOSTIC_ADMISSION', occurredOn: '2025-03-10' })).toBe('RUNNING');
    expect(await recorded(id, { admissionWithoutTreatment: 'TREATMENT_NOT_CARRIED_OUT', occurredOn: '2025-04-01', rttStatus: '20' })).toBe(
      'RUNNING',
    );
    expect(await incomplete(specialty, '2025-04-02')).toEqual({ incompletePathways: 1, withDecisionToAdmit: 1 });
    expect(await recorded(id, { rttStatus: '30', admitted: true, occurredOn: '2025-04-15' })).toBe('STOPPED');

    const state = await pathway(id);
    expect(state.timeline.entries.slice(2, 4)).toEqual([
      expect.objectContaining({
        kind: 'ADMISSION_WITHOUT_TREATMENT',
        admissionWithoutTreatment: 'DIAGNOSTIC_ADMISSION',
        clockEffect: 'CONTINUED',
        rttStatus: { code: '20' },
      }),
      expect.objectContaining({
        kind: 'ADMISSION_WITHOUT_TREATMENT',
        admissionWithoutTreatment: 'TREATMENT_NOT_CARRIED_OUT',
        clockEffect: 'CONTINUED',
      }),
    ]);
    expect(state.periods).toEqual([
      { startedOn: '2025-02-10', endedOn: '2025-04-15', endReason: 'FIRST_DEFINITIVE_TREATMENT', decisionToAdmitOn: '2025-03-03' },
    ]);
  });

  test('an admission without treatment is status 20 or nothing: another status is refused naming it', async () => {
    const id = await newPathway('Rules 4.3.2.3 refused', '2025-02-10');
    const { body } = await record(id, { admissionWithoutTreatment: 'ADMISSION_CANCELLED', rttStatus: '30', occurredOn: '2025-03-03' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rttStatus' });
    const neither = await record(id, { occurredOn: '2025-03-03' });
    expect(neither.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rttStatus' });
  });
});

describe('events entered late are folded in where they happened', () => {
  test('a decision to admit cashed up after the treatment is placed before it, marked back-entered and logged as such', async () => {
    const id = await newPathway('Rules late entry', '2025-02-10');
    await recorded(id, { rttStatus: '30', admitted: true, occurredOn: '2025-04-15' });
    expect(await recorded(id, { rttStatus: '20', decisionToAdmit: true, occurredOn: '2025-03-03' })).toBe('STOPPED');

    const state = await pathway(id);
    expect(state.periods).toEqual([
      { startedOn: '2025-02-10', endedOn: '2025-04-15', endReason: 'FIRST_DEFINITIVE_TREATMENT', decisionToAdmitOn: '2025-03-03' },
    ]);
    expect(
      state.timeline.entries.map((e: { occurredOn: string; clockEffect: string; backEntered: boolean }) => [
        e.occurredOn,
        e.clockEffect,
        e.backEntered,
      ]),
    ).toEqual([
      ['2025-02-10', 'STARTED', false],
      ['2025-03-03', 'CONTINUED', true],
      ['2025-04-15', 'STOPPED', false],
    ]);
    const logged = await withDatabase((db) =>
      db.query(`SELECT action FROM audit.access_event WHERE action = 'pathway.rtt-event.back-entered' AND $1 = ANY(items)`, [
        `Pathway:${id}`,
      ]),
    );
    expect(logged.rows).toHaveLength(1);
  });
});

describe('referral dates kept apart; the clock start derived from them (3.2.1)', () => {
  test('an e-RS referral’s clock starts when the UBRN was converted, not when the letter arrived or the GP wrote it', async () => {
    const body = await createReferral('Rules 3.2.1 e-RS', {
      ubrn: '0000-1111-2222',
      referredOn: '2025-01-28',
      ubrnConvertedOn: '2025-02-03',
      receivedOn: '2025-02-10',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.createReferral).toMatchObject({
      referredOn: '2025-01-28',
      ubrnConvertedOn: '2025-02-03',
      receivedOn: '2025-02-10',
      rttClockStart: '2025-02-03',
      pathway: { currentPeriod: { startedOn: '2025-02-03' } },
    });
  });

  test('a paper referral’s clock starts on the date received, whatever the GP’s date', async () => {
    const body = await createReferral('Rules 3.2.1 paper', { referredOn: '2025-01-20', receivedOn: '2025-02-10' });
    expect(body.data!.createReferral).toMatchObject({
      referredOn: '2025-01-20',
      ubrnConvertedOn: null,
      rttClockStart: '2025-02-10',
      pathway: { currentPeriod: { startedOn: '2025-02-10' } },
    });
  });

  test.each([
    ['referred after it was received', { referredOn: '2025-02-11', receivedOn: '2025-02-10' }, 'input.referredOn'],
    [
      'referred after the UBRN was converted',
      { ubrn: '000011112222', referredOn: '2025-02-05', ubrnConvertedOn: '2025-02-03', receivedOn: '2025-02-10' },
      'input.referredOn',
    ],
    [
      'a UBRN converted after the referral was received',
      { ubrn: '000011112222', ubrnConvertedOn: '2025-02-11', receivedOn: '2025-02-10' },
      'input.ubrnConvertedOn',
    ],
    ['a conversion date without a UBRN', { ubrnConvertedOn: '2025-02-03', receivedOn: '2025-02-10' }, 'input.ubrnConvertedOn'],
    ['a referral date in the future', { referredOn: '2999-01-01', receivedOn: '2025-02-10' }, 'input.referredOn'],
  ])('%s is refused naming the field', async (_label, dates, field) => {
    const body = await createReferral('Rules 3.2.1 refused', dates);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
