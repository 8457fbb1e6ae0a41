import { tokenFor } from './support/gateway-client.js';
import { staffAt, tokenOf, type Staff } from './support/people.js';
import { receivedReferral } from './support/referrals.js';
import { eventually } from './support/eventually.js';
import { stackState } from './support/stack-state.js';
import { client, openSession, registerPatients, schedulingSnapshot, sql, uniqueService } from './scheduling-fixtures.js';

/*
 * Back-entry through the gateway: the booking office enters appointments that have already happened (a trust's
 * waiting list being migrated, a clinic cashed up late), and their outcomes reach the RTT clock dated when they
 * happened, exactly as live ones would. Pathways belong to a provider of their own, so report figures are exact.
 */
const provider = 'RTTBKE';
const evidence = 'Appointment letter sent three weeks before; text reminder the day before';
const database = () => stackState().databaseUrl;
// Outcomes reach care-pathway through scheduling's relay, after the request that recorded them: tests that wait
// for it get room for a busy machine (the wait itself polls; nothing is asserted about how long it takes).
const deliveryMs = 150_000;

const clerk = async () => client(await tokenFor('clerk.chloe.reid', 'rp-reid-rx1'));
const clinician = async () => client(await tokenFor('dr.amelia.hart', 'rp-hart-rx1'));
// The provider's own clinician records its RTT statuses.
let recorder: Staff;
const providerClinician = async () => client(await tokenOf(recorder));

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const englishDate = (instant: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

const backEnterMutation = `mutation ($input: BookAppointmentInput!) {
  backEnterAppointment(input: $input) { id status startsAt backEntered pathwayId }
}`;
const attendanceMutation = `mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { status } }`;

let patients: string[];
let nextPatient = 0;
// The provider's own booking office reads its RTT reports.
let reporter: Staff;

beforeAll(async () => {
  patients = await registerPatients(await clerk(), `Backentry${Date.now().toString(36)}`, 8);
  reporter = await staffAt(provider, 'R8010');
  recorder = await staffAt(provider, 'R8000');
}, deliveryMs);

function patient(): string {
  const id = patients[nextPatient];
  nextPatient += 1;
  if (!id) throw new Error('out of test patients');
  return id;
}

/** A pathway for a referral the provider's interface engine received from e-RS. */
async function newPathway(patientId: string, specialty: string, receivedOn: string): Promise<string> {
  const referral = await receivedReferral({ patientId, receivingOrganisation: provider, specialty, reason: 'Back-entry case', receivedOn });
  return referral.pathway.id;
}

/** A clinic session that has already happened, set up by the booking office, and one of its slots. */
async function pastSlot(startsAt: Date, slotKind: 'NEW' | 'FOLLOW_UP' = 'NEW'): Promise<string> {
  const { slots } = await openSession(await clerk(), { service: uniqueService('Rheumatology'), startsAt, slotKind });
  return slots[0]!.id;
}

async function backEnter(patientId: string, slotId: string, pathwayId: string): Promise<string> {
  const { data, errors } = await (
    await clerk()
  )<{ backEnterAppointment: { id: string; backEntered: boolean } }>(backEnterMutation, {
    input: { patientId, slotId, pathwayId },
  });
  if (!data) throw new Error(`backEnterAppointment failed: ${JSON.stringify(errors)}`);
  expect(data.backEnterAppointment.backEntered).toBe(true);
  return data.backEnterAppointment.id;
}

async function attendance(appointmentId: string, outcome: 'ATTENDED' | 'DID_NOT_ATTEND'): Promise<void> {
  const dna = outcome === 'DID_NOT_ATTEND' ? { dnaCommunicatedClearly: true, communicationEvidence: evidence } : {};
  const { errors } = await (await clerk())(attendanceMutation, { input: { appointmentId, outcome, ...dna } });
  expect(errors).toBeUndefined();
}

interface TimelineEntry {
  kind: string;
  occurredOn: string;
  clockEffect: string;
  rttStatus: { code: string } | null;
  appointment: { id: string } | null;
  appointmentOutcome: string | null;
  firstAppointment: boolean | null;
  communicationEvidence: string | null;
  backEntered: boolean;
}

interface PathwayState {
  clockPhase: string;
  periods: { startedOn: string; endedOn: string | null; endReason: string | null }[];
  timeline: { entries: TimelineEntry[] };
}

async function pathwayState(id: string): Promise<PathwayState> {
  const { data, errors } = await (
    await clerk()
  )<{ pathway: PathwayState }>(
    `query ($id: ID!) { pathway(id: $id) {
      clockPhase
      periods { startedOn endedOn endReason }
      timeline { entries { kind occurredOn clockEffect rttStatus { code } appointment { id } appointmentOutcome firstAppointment communicationEvidence backEntered } }
    } }`,
    { id },
  );
  if (!data) throw new Error(`pathway failed: ${JSON.stringify(errors)}`);
  return data.pathway;
}

/** The pathway once care-pathway has applied the outcomes of these appointments (the relay delivers them after the fact). */
async function whenDelivered(pathwayId: string, ...appointmentIds: string[]): Promise<PathwayState> {
  await eventually(
    async () => {
      const state = await pathwayState(pathwayId);
      const delivered = new Set(state.timeline.entries.map((e) => e.appointment?.id));
      return appointmentIds.every((id) => delivered.has(id)) ? true : undefined;
    },
    `the outcomes of ${appointmentIds.join(', ')} on the pathway`,
  );
  // Read again: the read that first saw the last outcome may have read the clock just before that outcome committed.
  return pathwayState(pathwayId);
}

async function incompletePathways(specialty: string, censusDate: string): Promise<number> {
  const report = client(await tokenOf(reporter));
  const { data, errors } = await report<{ rttPerformance: { incompletePathways: number } }>(
    `query ($organisation: String!, $censusDate: Date!, $specialty: String) {
      rttPerformance(organisation: $organisation, censusDate: $censusDate, specialty: $specialty) { incompletePathways }
    }`,
    { organisation: provider, censusDate, specialty },
  );
  if (!data) throw new Error(`rttPerformance failed: ${JSON.stringify(errors)}`);
  return data.rttPerformance.incompletePathways;
}

async function securityLogActions(patientId: string): Promise<{ subgraph: string; action: string }[]> {
  return sql<{ subgraph: string; action: string }>(
    database(),
    `SELECT subgraph, action FROM audit.access_event WHERE patient_id = $1 AND action LIKE '%back-entered' ORDER BY seq`,
    [patientId],
  );
}

describe('back-entered appointments feed the RTT clock as live ones would', () => {
  test(
    'a first-appointment DNA with evidence, back-entered three weeks ago, nullifies the clock on the day it happened',
    async () => {
      const patientId = patient();
      const pathwayId = await newPathway(patientId, 'Back-entry nullified', englishDate(daysAgo(35)));
      const startsAt = daysAgo(21);
      const appointmentId = await backEnter(patientId, await pastSlot(startsAt), pathwayId);
      await attendance(appointmentId, 'DID_NOT_ATTEND');

      const state = await whenDelivered(pathwayId, appointmentId);
      expect(state.clockPhase).toBe('NULLIFIED');
      expect(state.periods).toEqual([{ startedOn: englishDate(daysAgo(35)), endedOn: englishDate(startsAt), endReason: 'NULLIFIED' }]);
      expect(state.timeline.entries.at(-1)).toEqual({
        kind: 'APPOINTMENT_OUTCOME',
        occurredOn: englishDate(startsAt),
        clockEffect: 'NULLIFIED',
        rttStatus: { code: '33' },
        appointment: { id: appointmentId },
        appointmentOutcome: 'DID_NOT_ATTEND',
        firstAppointment: true,
        communicationEvidence: evidence,
        backEntered: true,
      });
      // Each subgraph logged the back-entry under its own action.
      expect(await securityLogActions(patientId)).toEqual(
        expect.arrayContaining([
          { subgraph: 'scheduling', action: 'appointment.book.back-entered' },
          { subgraph: 'scheduling', action: 'appointment.outcome.back-entered' },
          { subgraph: 'care-pathway', action: 'pathway.appointment-outcome.back-entered' },
        ]),
      );
    },
    deliveryMs,
  );

  test(
    'issue #14 through scheduling: first appointment attended 2025-03-03, follow-up DNA 2025-04-07: the clock runs on and is counted',
    async () => {
      const specialty = `Back-entry follow-up DNA ${Date.now().toString(36)}`;
      const patientId = patient();
      const pathwayId = await newPathway(patientId, specialty, '2025-02-10');
      const first = await backEnter(patientId, await pastSlot(new Date('2025-03-03T10:00:00Z'), 'NEW'), pathwayId);
      const followUp = await backEnter(patientId, await pastSlot(new Date('2025-04-07T10:00:00Z'), 'FOLLOW_UP'), pathwayId);
      await attendance(first, 'ATTENDED');
      await attendance(followUp, 'DID_NOT_ATTEND');

      const state = await whenDelivered(pathwayId, first, followUp);
      expect(state.clockPhase).toBe('RUNNING');
      expect(state.timeline.entries.filter((e) => e.kind === 'APPOINTMENT_OUTCOME').map((e) => [e.occurredOn, e.clockEffect])).toEqual([
        ['2025-03-03', 'CONTINUED'],
        ['2025-04-07', 'CONTINUED'],
      ]);
      expect(await incompletePathways(specialty, '2025-03-31')).toBe(1);
      expect(await incompletePathways(specialty, '2025-04-30')).toBe(1);
    },
    deliveryMs,
  );

  test(
    'after a decision to admit, a DNA of a slot scheduling calls new does not nullify: the clock’s own history decides',
    async () => {
      const specialty = `Back-entry DNA after decision to admit ${Date.now().toString(36)}`;
      const patientId = patient();
      const pathwayId = await newPathway(patientId, specialty, '2025-02-10');
      const decided = await (
        await providerClinician()
      )(`mutation ($input: RecordRttEventInput!) { recordRttEvent(input: $input) { clockPhase } }`, {
        input: { pathwayId, rttStatus: '20', occurredOn: '2025-03-03', decisionToAdmit: true },
      });
      expect(decided.errors).toBeUndefined();
      const dna = await backEnter(patientId, await pastSlot(new Date('2025-04-07T10:00:00Z'), 'NEW'), pathwayId);
      await attendance(dna, 'DID_NOT_ATTEND');

      const state = await whenDelivered(pathwayId, dna);
      expect(state.timeline.entries.at(-1)).toMatchObject({ firstAppointment: true, clockEffect: 'CONTINUED', backEntered: true });
      expect(state.clockPhase).toBe('RUNNING');
      expect(await incompletePathways(specialty, '2025-04-30')).toBe(1);
    },
    deliveryMs,
  );

  test(
    'a cancellation back-dated to when the patient phoned is on the timeline on that day; the clock keeps running',
    async () => {
      const patientId = patient();
      const pathwayId = await newPathway(patientId, 'Back-entry cancellation', englishDate(daysAgo(40)));
      const slotId = await pastSlot(daysAgo(14));
      const appointmentId = await backEnter(patientId, slotId, pathwayId);
      const phoned = daysAgo(20);
      const { data, errors } = await (
        await clerk()
      )<{ cancelAppointment: Record<string, unknown> }>(
        `mutation ($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { status cancellation { by at } slot { remaining } } }`,
        { input: { appointmentId, by: 'PATIENT', reason: 'Phoned: away that fortnight', occurredAt: phoned.toISOString() } },
      );
      expect(errors).toBeUndefined();
      expect(data!.cancelAppointment).toEqual({
        status: 'CANCELLED',
        cancellation: { by: 'PATIENT', at: phoned.toISOString() },
        slot: { remaining: 1 },
      });

      const state = await whenDelivered(pathwayId, appointmentId);
      expect(state.clockPhase).toBe('RUNNING');
      expect(state.timeline.entries.at(-1)).toMatchObject({
        appointmentOutcome: 'CANCELLED_BY_PATIENT',
        occurredOn: englishDate(phoned),
        clockEffect: 'CONTINUED',
        backEntered: true,
      });
      expect(await securityLogActions(patientId)).toEqual(
        expect.arrayContaining([{ subgraph: 'scheduling', action: 'appointment.cancel.back-entered' }]),
      );
    },
    deliveryMs,
  );
});

describe('a back-entered outcome that would break later events', () => {
  test(
    'waits in the outbox with care-pathway’s reason, and applies once the missing rebooking (10) is recorded',
    async () => {
      const patientId = patient();
      const pathwayId = await newPathway(patientId, `Back-entry conflict ${Date.now().toString(36)}`, '2025-02-10');
      const recordStatus = async (input: Record<string, unknown>) =>
        (await providerClinician())(`mutation ($input: RecordRttEventInput!) { recordRttEvent(input: $input) { clockPhase } }`, {
          input: { pathwayId, ...input },
        });
      expect((await recordStatus({ rttStatus: '20', occurredOn: '2025-03-20' })).errors).toBeUndefined();
      const dna = await backEnter(patientId, await pastSlot(new Date('2025-03-03T10:00:00Z')), pathwayId);
      await attendance(dna, 'DID_NOT_ATTEND');

      // Nullified on 3 March, the clock could not take the status 20 of 20 March: care-pathway refuses, the relay retries.
      const waiting = await eventually(async () => {
        const [row] = await sql<{ status: string; last_error: string | null }>(
          database(),
          'SELECT status, last_error FROM scheduling.pathway_outcome_outbox WHERE appointment_id = $1',
          [dna],
        );
        return row?.last_error ? row : undefined;
      }, 'care-pathway to refuse the outcome');
      expect(waiting).toMatchObject({ status: 'PENDING', last_error: expect.stringMatching(/RTT status 20 of 2025-03-20/) });

      // The patient rebooked on 10 March: with that recorded, the DNA fits the history and the retry applies it.
      expect((await recordStatus({ rttStatus: '10', occurredOn: '2025-03-10' })).errors).toBeUndefined();
      const state = await whenDelivered(pathwayId, dna);
      expect(state.periods).toEqual([
        { startedOn: '2025-02-10', endedOn: '2025-03-03', endReason: 'NULLIFIED' },
        { startedOn: '2025-03-10', endedOn: null, endReason: null },
      ]);
    },
    deliveryMs,
  );
});

describe('back-entry is refused to roles without it, and for dates still to come', () => {
  test('a clinician (no appointments.back_enter) may not back-enter a booking: FORBIDDEN, and nothing is written', async () => {
    const slotId = await pastSlot(daysAgo(7));
    const before = await schedulingSnapshot(database());
    const { data, errors } = await (await clinician())(backEnterMutation, { input: { patientId: patients[0], slotId } });
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await schedulingSnapshot(database())).toEqual(before);
  });

  test('a slot still to come through the back-entry path is BAD_USER_INPUT naming the slot, and nothing is written', async () => {
    const { slots } = await openSession(await clerk(), {
      service: uniqueService('Rheumatology'),
      startsAt: new Date(Date.now() + 86_400_000),
    });
    const before = await schedulingSnapshot(database());
    const { errors } = await (await clerk())(backEnterMutation, { input: { patientId: patients[0], slotId: slots[0]!.id } });
    expect(errors?.[0]).toMatchObject({
      message: expect.stringMatching(/in the future: book it with bookAppointment/),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.slotId' },
    });
    expect(await schedulingSnapshot(database())).toEqual(before);
  });

  test('a cancellation dated in the future is BAD_USER_INPUT naming occurredAt, and nothing is written', async () => {
    const patientId = patient();
    const pathwayId = await newPathway(patientId, 'Back-entry refused', englishDate(daysAgo(30)));
    const appointmentId = await backEnter(patientId, await pastSlot(daysAgo(3)), pathwayId);
    const before = await schedulingSnapshot(database());
    const { errors } = await (
      await clerk()
    )(`mutation ($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { status } }`, {
      input: { appointmentId, by: 'HOSPITAL', reason: 'Clinic cancelled', occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.occurredAt' });
    expect(await schedulingSnapshot(database())).toEqual(before);
  });

  test('a live booking into a slot that has started points to back-entry', async () => {
    const slotId = await pastSlot(daysAgo(2));
    const { errors } = await (
      await clerk()
    )(`mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`, {
      input: { patientId: patients[0], slotId },
    });
    expect(errors?.[0]).toMatchObject({
      message: expect.stringMatching(/backEnterAppointment/),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.slotId' },
    });
  });

  test('a clinician may not add a clinic session that has already happened', async () => {
    const send = await clinician();
    const { errors } = await send(`mutation ($input: AddClinicSessionInput!) { addClinicSession(input: $input) { id } }`, {
      input: {
        clinicId: '00000000-0000-4000-8000-000000000000',
        startsAt: daysAgo(2).toISOString(),
        slotMinutes: 15,
        slotCount: 1,
        slotKind: 'NEW',
      },
    });
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
