import { sqlStatements } from './support/sql-counter.js';
import { stackState } from './support/stack-state.js';
import {
  bookMutation,
  client,
  hoursFromNow,
  openSession,
  registerPatients,
  schedulingSnapshot,
  sql,
  uniqueService,
} from './scheduling-fixtures.js';
import { demoPatients, tokenOf } from './support/people.js';

const clerk = async () => client(await tokenOf('clerk'));
// The GP practice's receptionist books (and may not run) hospital clinics.
const gp = async () => client(await tokenOf('reception'));
const database = () => stackState().databaseUrl;

type Booking = { bookAppointment: { id: string; status: string; slot: { bookedCount: number; remaining: number } } };

const daysAfter = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

let patients: string[];

beforeAll(async () => {
  patients = await registerPatients(await clerk(), `Schedulingtest${Date.now().toString(36)}`, 8);
});

async function activeBookings(slotId: string): Promise<number> {
  const [row] = await sql<{ n: string }>(
    database(),
    `SELECT count(*) AS n FROM scheduling.appointment WHERE slot_id = $1 AND status <> 'CANCELLED'`,
    [slotId],
  );
  return Number(row!.n);
}

describe('booking under concurrency', () => {
  test('50 people booking one single-place slot at once: exactly one gets it, the others are told it is unavailable', async () => {
    const send = await clerk();
    const { slots } = await openSession(send, { service: uniqueService('Cardiology'), startsAt: hoursFromNow(24) });
    const slotId = slots[0]!.id;

    const attempts = await Promise.all(
      Array.from({ length: 50 }, (_, i) => send<Booking>(bookMutation, { input: { patientId: patients[i % 8], slotId } })),
    );

    const booked = attempts.filter((a) => a.data?.bookAppointment);
    const refused = attempts.filter((a) => a.errors);
    expect(booked).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) {
      expect(r.errors![0]).toMatchObject({
        message: expect.stringMatching(/fully booked/),
        extensions: { code: 'SLOT_UNAVAILABLE', field: 'input.slotId' },
      });
    }
    // The slot's count and its appointments agree: one place held, by the one booking that succeeded.
    const { data } = await send<{ slot: { bookedCount: number; remaining: number } }>(
      `query ($id: ID!) { slot(id: $id) { bookedCount remaining } }`,
      { id: slotId },
    );
    expect(data!.slot).toEqual({ bookedCount: 1, remaining: 0 });
    expect(await activeBookings(slotId)).toBe(1);
    const [all] = await sql<{ n: string }>(database(), 'SELECT count(*) AS n FROM scheduling.appointment WHERE slot_id = $1', [slotId]);
    expect(Number(all!.n)).toBe(1);
    // The database itself refuses an overbooking, whatever path a write takes.
    await expect(
      sql(
        database(),
        `INSERT INTO scheduling.appointment (patient_id, organisation, clinic_name, starts_at, slot_id) VALUES ($1, 'RX1', 'x', now(), $2)`,
        [patients[0], slotId],
      ),
    ).rejects.toThrow(/slot_booked_within_capacity/);
  });

  test('a slot with three places takes exactly three of twenty simultaneous bookings', async () => {
    const send = await clerk();
    const { slots } = await openSession(send, {
      service: uniqueService('Fracture'),
      startsAt: hoursFromNow(30),
      slotCapacity: 3,
      slotKind: 'FOLLOW_UP',
    });
    const slotId = slots[0]!.id;
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send<Booking>(bookMutation, { input: { patientId: patients[i % 8], slotId } })),
    );
    expect(attempts.filter((a) => a.data?.bookAppointment)).toHaveLength(3);
    expect(attempts.filter((a) => a.errors?.[0]?.extensions?.['code'] === 'SLOT_UNAVAILABLE')).toHaveLength(17);
    expect(await activeBookings(slotId)).toBe(3);
  });
});

describe('appointments in the patient record', () => {
  test('a booking shows in the patient record with its slot and clinic, through federation', async () => {
    const send = await clerk();
    const service = uniqueService('Dermatology');
    const { slots } = await openSession(send, { service, startsAt: hoursFromNow(48), slotCount: 2 });
    const booked = await send<Booking>(bookMutation, { input: { patientId: patients[6], slotId: slots[1]!.id } });
    expect(booked.data!.bookAppointment).toMatchObject({ status: 'BOOKED', slot: { bookedCount: 1, remaining: 0 } });

    const { data, errors } = await send<{ patient: { name: { family: string }; appointments: Record<string, any>[] } }>(
      `query ($id: ID!) { patient(id: $id) { name { family } appointments { id status startsAt slot { startsAt minutes kind clinic { service location } } } } }`,
      { id: patients[6] },
    );
    expect(errors).toBeUndefined();
    expect(data!.patient.name.family).toMatch(/^Schedulingtest/);
    expect(data!.patient.appointments.find((a) => a['id'] === booked.data!.bookAppointment.id)).toEqual({
      id: booked.data!.bookAppointment.id,
      status: 'BOOKED',
      startsAt: slots[1]!.startsAt,
      slot: { startsAt: slots[1]!.startsAt, minutes: 15, kind: 'NEW', clinic: { service, location: 'Outpatients A' } },
    });
  });
});

describe('cancelling and rescheduling', () => {
  test('cancelling frees the place; cancelling again is a CONFLICT and changes nothing', async () => {
    const send = await clerk();
    const { slots } = await openSession(send, { service: uniqueService('Ophthalmology'), startsAt: hoursFromNow(72) });
    const slotId = slots[0]!.id;
    const booked = await send<Booking>(bookMutation, { input: { patientId: patients[4], slotId } });
    const appointmentId = booked.data!.bookAppointment.id;
    const cancel = `mutation ($input: CancelAppointmentInput!) {
      cancelAppointment(input: $input) { status cancellation { by reason at } slot { remaining } }
    }`;

    const first = await send<{ cancelAppointment: Record<string, any> }>(cancel, {
      input: { appointmentId, by: 'PATIENT', reason: 'On holiday that week' },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.cancelAppointment).toMatchObject({
      status: 'CANCELLED',
      cancellation: { by: 'PATIENT', reason: 'On holiday that week' },
      slot: { remaining: 1 },
    });

    const before = await schedulingSnapshot(database());
    const second = await send(cancel, { input: { appointmentId, by: 'HOSPITAL', reason: 'Clinic cancelled' } });
    expect(second.data).toBeNull();
    expect(second.errors![0]).toMatchObject({
      message: expect.stringMatching(/already cancelled .* by the patient/),
      extensions: { code: 'CONFLICT', field: 'input.appointmentId' },
    });
    expect(await schedulingSnapshot(database())).toEqual(before);

    // The freed place can be booked again.
    const again = await send<Booking>(bookMutation, { input: { patientId: patients[5], slotId } });
    expect(again.data!.bookAppointment.slot.remaining).toBe(0);
  });

  test('rescheduling moves the appointment: the old one is cancelled and points to the new one, in one step', async () => {
    const send = await clerk();
    const { slots } = await openSession(send, { service: uniqueService('Urology'), startsAt: hoursFromNow(96), slotCount: 2 });
    const booked = await send<Booking>(bookMutation, { input: { patientId: patients[2], slotId: slots[0]!.id } });
    const moved = await send<{ rescheduleAppointment: { id: string; status: string; slot: { id: string } } }>(
      `mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { id status slot { id } } }`,
      { input: { appointmentId: booked.data!.bookAppointment.id, slotId: slots[1]!.id, by: 'HOSPITAL', reason: 'Consultant on leave' } },
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.rescheduleAppointment).toMatchObject({ status: 'BOOKED', slot: { id: slots[1]!.id } });
    const { data } = await send<{ appointment: Record<string, any> }>(
      `query ($id: ID!) { appointment(id: $id) { status cancellation { by reason } rescheduledTo { id } slot { remaining } } }`,
      { id: booked.data!.bookAppointment.id },
    );
    expect(data!.appointment).toEqual({
      status: 'CANCELLED',
      cancellation: { by: 'HOSPITAL', reason: 'Consultant on leave' },
      rescheduledTo: { id: moved.data!.rescheduleAppointment.id },
      slot: { remaining: 1 },
    });
  });
});

describe('bad bookings are refused and change nothing', () => {
  const pastSlot = '5107a000-0000-4000-8000-000000000004'; // the seeded fracture clinic slot of 1 July 2026
  const refusedPatient = demoPatients.olivia.id; // never booked: every request here is refused

  test.each([
    ['a slot in the past', { patientId: refusedPatient, slotId: pastSlot }, 'BAD_USER_INPUT', 'input.slotId', /started/],
    [
      'a slot that does not exist',
      { patientId: refusedPatient, slotId: '00000000-0000-4000-8000-000000000000' },
      'NOT_FOUND',
      'input.slotId',
      /No slot/,
    ],
    ['a patient id that is not an id', { patientId: '9990000018', slotId: pastSlot }, 'BAD_USER_INPUT', 'input.patientId', /patientId/],
  ])('%s', async (_label, input, code, field, message) => {
    const send = await clerk();
    const before = await schedulingSnapshot(database());
    const { data, errors } = await send(bookMutation, { input });
    expect(data).toBeNull();
    expect(errors![0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code, field } });
    expect(await schedulingSnapshot(database())).toEqual(before);
  });

  test("a slot of another organisation's clinic without a referral is refused; with the referral it is booked", async () => {
    const hospital = await clerk();
    const { slots } = await openSession(hospital, { service: uniqueService('Cardiology'), startsAt: hoursFromNow(120) });
    const practice = await gp();
    const before = await schedulingSnapshot(database());

    const refused = await practice(bookMutation, { input: { patientId: patients[0], slotId: slots[0]!.id } });
    expect(refused.errors![0]).toMatchObject({
      message: expect.stringMatching(/clinic of RX1 and you are working for A81001: .* needs the referral/),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.referralId' },
    });
    expect(await schedulingSnapshot(database())).toEqual(before);

    const referralId = '7a2d9b10-0000-4000-8000-000000000001';
    const booked = await practice<{ bookAppointment: { status: string } }>(bookMutation, {
      input: { patientId: patients[0], slotId: slots[0]!.id, referralId },
    });
    expect(booked.data!.bookAppointment.status).toBe('BOOKED');
  });

  test('an outcome cannot be recorded before the appointment starts, and a DNA must say how it was communicated', async () => {
    const send = await clerk();
    const { slots } = await openSession(send, { service: uniqueService('Cardiology'), startsAt: hoursFromNow(26) });
    const booked = await send<Booking>(bookMutation, { input: { patientId: patients[1], slotId: slots[0]!.id } });
    const before = await schedulingSnapshot(database());
    const record = `mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { status } }`;
    const early = await send(record, {
      input: {
        appointmentId: booked.data!.bookAppointment.id,
        outcome: 'DID_NOT_ATTEND',
        dnaCommunicatedClearly: true,
        communicationEvidence: 'Letter',
      },
    });
    expect(early.errors![0]).toMatchObject({
      message: expect.stringMatching(/once it has started/),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.appointmentId' },
    });
    expect(await schedulingSnapshot(database())).toEqual(before);
  });
});

describe('clinics and sessions', () => {
  test('a weekly template generates sessions at UK local time; generating again adds nothing; free-slot search finds them', async () => {
    const send = await clerk();
    const service = uniqueService('Rheumatology');
    const created = await send<{ createClinic: { id: string } }>(
      `mutation ($input: CreateClinicInput!) { createClinic(input: $input) { id } }`,
      {
        input: { name: 'Rheumatology clinic', service, teamCode: 'CARDIO-RX1', location: 'Outpatients C' },
      },
    );
    const clinicId = created.data!.createClinic.id;
    const year = new Date().getUTCFullYear() + 1;
    const template = await send(
      `mutation ($input: AddSessionTemplateInput!) { addSessionTemplate(input: $input) { weekday startTime slotKind } }`,
      {
        input: { clinicId, weekday: 1, startTime: '09:00', slotMinutes: 30, slotCount: 4, slotKind: 'NEW', validFrom: `${year}-01-01` },
      },
    );
    expect(template.data).toEqual({ addSessionTemplate: { weekday: 1, startTime: '09:00', slotKind: 'NEW' } });

    const generate = `mutation ($input: GenerateClinicSessionsInput!) { generateClinicSessions(input: $input) { sessionsCreated slotsCreated } }`;
    // UK clocks go forward on the last Sunday of March: four Mondays before it and two after, four slots each.
    const clocksForward = new Date(Date.UTC(year, 2, 31));
    clocksForward.setUTCDate(31 - clocksForward.getUTCDay());
    const mondayBefore = daysAfter(clocksForward, -6);
    const mondayAfter = daysAfter(clocksForward, 1);
    const period = { clinicId, from: isoDate(daysAfter(mondayBefore, -21)), to: isoDate(daysAfter(mondayAfter, 7)) };
    expect((await send(generate, { input: period })).data).toEqual({ generateClinicSessions: { sessionsCreated: 6, slotsCreated: 24 } });
    expect((await send(generate, { input: period })).data).toEqual({ generateClinicSessions: { sessionsCreated: 0, slotsCreated: 0 } });

    const { data } = await send<{ freeSlots: { startsAt: string; kind: string; clinic: { id: string } }[] }>(
      `{ freeSlots(service: "${service}", organisation: "RX1", from: "${mondayBefore.toISOString()}", to: "${daysAfter(mondayAfter, 1).toISOString()}", first: 5) { startsAt kind clinic { id } } }`,
    );
    const before = isoDate(mondayBefore);
    expect(data!.freeSlots.map((s) => s.startsAt)).toEqual([
      `${before}T09:00:00.000Z`,
      `${before}T09:30:00.000Z`,
      `${before}T10:00:00.000Z`,
      `${before}T10:30:00.000Z`,
      `${isoDate(mondayAfter)}T08:00:00.000Z`, // 09:00 BST
    ]);
    expect(data!.freeSlots.every((s) => s.kind === 'NEW' && s.clinic.id === clinicId)).toBe(true);
  });

  test("only your own organisation's clinics can be changed", async () => {
    const { clinicId } = await openSession(await clerk(), { service: uniqueService('Neurology'), startsAt: hoursFromNow(50) });
    const before = await schedulingSnapshot(database());
    const refused = await (
      await gp()
    )(`mutation ($input: AddClinicSessionInput!) { addClinicSession(input: $input) { id } }`, {
      input: { clinicId, startsAt: hoursFromNow(60).toISOString(), slotMinutes: 15, slotCount: 4, slotKind: 'NEW' },
    });
    expect(refused.errors![0]).toMatchObject({ message: expect.stringMatching(/run by RX1/), extensions: { code: 'FORBIDDEN' } });
    expect(await schedulingSnapshot(database())).toEqual(before);
  });

  test('free-slot search and the slots of a clinic list cost a fixed number of SQL statements, whatever their size', async () => {
    const send = await clerk();
    const service = uniqueService('Endocrinology');
    await openSession(send, { service, startsAt: hoursFromNow(200), slotCount: 40 });
    await openSession(send, { service, startsAt: hoursFromNow(220), slotCount: 40 });
    const search = `query ($first: Int) { freeSlots(service: "${service}", from: "${new Date().toISOString()}", to: "${hoursFromNow(24 * 300).toISOString()}", first: $first) { startsAt clinic { name } } }`;
    const costOf = async (first: number) => {
      const before = await sqlStatements('scheduling');
      const { data } = await send<{ freeSlots: unknown[] }>(search, { first });
      return { size: data!.freeSlots.length, statements: (await sqlStatements('scheduling')) - before };
    };
    // One statement for the slots, one for their clinics (batched), for one slot or for eighty.
    expect(await costOf(1)).toEqual({ size: 1, statements: 2 });
    expect(await costOf(100)).toEqual({ size: 80, statements: 2 });
  });
});
