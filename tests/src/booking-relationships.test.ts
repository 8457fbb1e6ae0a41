import { randomUUID } from 'node:crypto';
import { staffAt, tokenOf, type Staff } from './support/people.js';
import { opensRecord, practicePatient } from './support/practice-patients.js';
import { withDatabase } from './support/security-log.js';
import { bookMutation, client, hoursFromNow, openSession, uniqueService } from './scheduling-fixtures.js';

/*
 * A booking is a care process, so it gives a legitimate relationship — to the clinic's clinician, or to the team
 * that runs the clinic, never to the whole organisation (README "Where relationships come from") — and cancelling
 * or moving the appointment ends it after the grace period. Through the real gateway.
 */
const suffix = randomUUID().slice(0, 6).toUpperCase();
const teamCode = `BK-${suffix}`;
let teamMember: Staff;
let sameOrganisation: Staff;
let clerk: Staff;

async function bookingRelationships(patientId: string) {
  return withDatabase(async (db) => {
    const { rows } = await db.query<{ holder_kind: string; holder_id: string; expires_at: Date | null; source_ref: string }>(
      `SELECT holder_kind::text, holder_id, expires_at, source_ref FROM access_control.legitimate_relationship
        WHERE patient_id = $1 AND type = 'BOOKING' AND ended_at IS NULL ORDER BY created_at`,
      [patientId],
    );
    return rows;
  });
}

async function bookIntoTeamClinic(patientId: string, startsInHours = 24 * 12) {
  const send = client(await tokenOf(clerk));
  const { slots } = await openSession(send, { service: uniqueService('Respiratory'), startsAt: hoursFromNow(startsInHours), teamCode });
  const booked = await send<{ bookAppointment: { id: string } }>(bookMutation, { input: { patientId, slotId: slots[0]!.id } });
  expect(booked.errors).toBeUndefined();
  return { send, appointmentId: booked.data!.bookAppointment.id };
}

beforeAll(async () => {
  teamMember = await staffAt('RX1', 'R8000', { teams: [teamCode] });
  sameOrganisation = await staffAt('RX1', 'R8000');
  clerk = await staffAt('RX1', 'R8010');
});

describe('a booking relates the clinic’s team, not its organisation, and ends with the appointment', () => {
  test('booked into a clinic a team runs: that team’s clinicians open the record, the organisation’s other clinicians do not', async () => {
    const patientId = await practicePatient();
    expect(await opensRecord(teamMember, patientId)).toBe(false);
    const { appointmentId } = await bookIntoTeamClinic(patientId);
    const [relationship] = await bookingRelationships(patientId);
    expect(relationship).toMatchObject({ holder_kind: 'TEAM', source_ref: `appointment:${appointmentId}` });
    expect(await opensRecord(teamMember, patientId)).toBe(true);
    expect(await opensRecord(sameOrganisation, patientId)).toBe(false);
  });

  test('a clinic naming a team of another organisation is refused at set-up; one set up before that check relates nobody', async () => {
    const elsewhere = `BKX-${suffix}`;
    await staffAt(`BKX${suffix.slice(0, 4)}`, 'R8000', { teams: [elsewhere] });
    const patientId = await practicePatient();
    const send = client(await tokenOf(clerk));
    const refused = await send(`mutation ($input: CreateClinicInput!) { createClinic(input: $input) { id } }`, {
      input: { name: 'Respiratory clinic', service: uniqueService('Respiratory'), teamCode: elsewhere, location: 'Outpatients A' },
    });
    expect(refused.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.teamCode' } });
    // A clinic of its own team, then pointed at the other organisation's team as a clinic set up before the check could be.
    const { clinicId, slots } = await openSession(send, {
      service: uniqueService('Respiratory'),
      startsAt: hoursFromNow(24 * 13),
      teamCode,
    });
    await withDatabase((db) => db.query('UPDATE scheduling.clinic SET team_code = $2 WHERE id = $1', [clinicId, elsewhere]));
    const booked = await send(bookMutation, { input: { patientId, slotId: slots[0]!.id } });
    expect(booked.errors).toBeUndefined();
    expect(await bookingRelationships(patientId)).toEqual([]);
  });

  test('a clinic’s clinician whose role there has since ended gains nothing from later bookings', async () => {
    const clinician = await staffAt('RX1', 'R8000');
    const send = client(await tokenOf(clerk));
    const { slots } = await openSession(send, {
      service: uniqueService('Respiratory'),
      startsAt: hoursFromNow(24 * 16),
      slotCount: 2,
      clinicianId: clinician.userId,
    });
    const first = await practicePatient();
    expect((await send(bookMutation, { input: { patientId: first, slotId: slots[0]!.id } })).errors).toBeUndefined();
    expect(await bookingRelationships(first)).toEqual([expect.objectContaining({ holder_kind: 'USER', holder_id: clinician.userId })]);
    await withDatabase((db) => db.query('UPDATE patient.role_profile SET active = false WHERE id = $1', [clinician.roleProfileId]));
    const second = await practicePatient();
    expect((await send(bookMutation, { input: { patientId: second, slotId: slots[1]!.id } })).errors).toBeUndefined();
    expect(await bookingRelationships(second)).toEqual([]);
  });

  test('cancelled: the relationship lapses after the grace period (24 h); moved: the new appointment’s replaces it', async () => {
    const patientId = await practicePatient();
    const { send, appointmentId } = await bookIntoTeamClinic(patientId);
    const cancelled = await send(`mutation ($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { id status } }`, {
      input: { appointmentId, by: 'PATIENT', reason: 'Feeling better.' },
    });
    expect(cancelled.errors).toBeUndefined();
    const [ended] = await bookingRelationships(patientId);
    const hoursLeft = (new Date(ended!.expires_at!).getTime() - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(23.9);
    expect(hoursLeft).toBeLessThanOrEqual(24);

    const again = await bookIntoTeamClinic(patientId, 24 * 14);
    const { slots } = await openSession(again.send, { service: uniqueService('Respiratory'), startsAt: hoursFromNow(24 * 15), teamCode });
    const moved = await again.send<{ rescheduleAppointment: { id: string } }>(
      `mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { id } }`,
      { input: { appointmentId: again.appointmentId, slotId: slots[0]!.id, by: 'HOSPITAL', reason: 'Clinic moved.' } },
    );
    expect(moved.errors).toBeUndefined();
    const bySource = Object.fromEntries((await bookingRelationships(patientId)).map((row) => [row.source_ref, row.expires_at]));
    expect(bySource[`appointment:${moved.data!.rescheduleAppointment.id}`]).not.toBeNull();
    const movedFromExpiry = bySource[`appointment:${again.appointmentId}`];
    expect((new Date(movedFromExpiry!).getTime() - Date.now()) / 3_600_000).toBeLessThanOrEqual(24);
    expect(await opensRecord(teamMember, patientId)).toBe(true);
  });
});
