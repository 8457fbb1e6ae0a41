import type { AppointmentRecord } from '../data/appointment-store.js';
import { validateAttendance } from './attendance.js';
import { checkCancellable, validateCancellation } from './cancellation.js';
import { attendanceEvent, cancellationEvent, isFirstAppointment } from './outcome-event.js';

const startsAt = new Date('2026-12-01T09:00:00Z');
const before = new Date('2026-12-01T08:00:00Z');
const after = new Date('2026-12-01T09:05:00Z');
const booked: AppointmentRecord = {
  id: '55555555-5555-4555-8555-555555555555',
  patientId: '5e1f0c3a-0000-4000-8000-000000000001',
  organisation: 'RX1',
  clinicName: 'Cardiology new patient clinic',
  startsAt,
  status: 'BOOKED',
  slotId: '11111111-1111-4111-8111-111111111111',
  pathwayId: '66666666-6666-4666-8666-666666666666',
  referralId: null,
  cancelledBy: null,
  cancellationReason: null,
  cancelledAt: null,
  rescheduledToId: null,
  dnaCommunicatedClearly: null,
  communicationEvidence: null,
};

function codeOf(work: () => unknown): { code?: unknown; field?: unknown } | null {
  try {
    work();
    return null;
  } catch (error) {
    return (error as { extensions: { code?: unknown; field?: unknown } }).extensions;
  }
}

describe('cancelling', () => {
  test('a booked appointment that has not started can be cancelled, with a reason', () => {
    expect(codeOf(() => checkCancellable(booked, before))).toBeNull();
    expect(validateCancellation({ by: 'PATIENT', reason: '  Away that week ' }, before)).toEqual({
      by: 'PATIENT',
      reason: 'Away that week',
      at: before,
    });
    expect(codeOf(() => validateCancellation({ by: 'PATIENT', reason: ' ' }, before))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.reason',
    });
  });

  test('cancelling twice is a CONFLICT that says when and by whom it was cancelled', () => {
    const cancelled = { ...booked, status: 'CANCELLED' as const, cancelledBy: 'HOSPITAL' as const, cancelledAt: before };
    expect(() => checkCancellable(cancelled, before)).toThrow(/already cancelled on 2026-12-01T08:00:00.000Z by the hospital/);
    expect(codeOf(() => checkCancellable(cancelled, before))).toEqual({ code: 'CONFLICT', field: 'input.appointmentId' });
  });

  test('an appointment with an outcome, or one that has started, cannot be cancelled', () => {
    expect(codeOf(() => checkCancellable({ ...booked, status: 'ATTENDED' }, after))).toMatchObject({ code: 'CONFLICT' });
    expect(codeOf(() => checkCancellable(booked, after))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.appointmentId' });
  });
});

describe('recording attendance', () => {
  test('not before the appointment has started', () => {
    expect(codeOf(() => validateAttendance(booked, { appointmentId: booked.id, outcome: 'ATTENDED' }, before))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.appointmentId',
    });
  });

  test('a DNA must say whether the appointment was clearly communicated, and how', () => {
    const dna = { appointmentId: booked.id, outcome: 'DID_NOT_ATTEND' as const };
    expect(codeOf(() => validateAttendance(booked, dna, after))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.dnaCommunicatedClearly' });
    expect(codeOf(() => validateAttendance(booked, { ...dna, dnaCommunicatedClearly: true }, after))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.communicationEvidence',
    });
    expect(
      validateAttendance(booked, { ...dna, dnaCommunicatedClearly: true, communicationEvidence: 'Letter sent 2026-11-02' }, after),
    ).toEqual({
      status: 'DID_NOT_ATTEND',
      dnaCommunicatedClearly: true,
      communicationEvidence: 'Letter sent 2026-11-02',
    });
    expect(validateAttendance(booked, { ...dna, dnaCommunicatedClearly: false }, after)).toMatchObject({ dnaCommunicatedClearly: false });
  });

  test('an attendance carries no DNA details, and an outcome is recorded once', () => {
    expect(
      codeOf(() => validateAttendance(booked, { appointmentId: booked.id, outcome: 'ATTENDED', dnaCommunicatedClearly: true }, after)),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(
      codeOf(() => validateAttendance({ ...booked, status: 'DID_NOT_ATTEND' }, { appointmentId: booked.id, outcome: 'ATTENDED' }, after)),
    ).toMatchObject({
      code: 'CONFLICT',
    });
    expect(
      codeOf(() => validateAttendance({ ...booked, status: 'CANCELLED' }, { appointmentId: booked.id, outcome: 'ATTENDED' }, after)),
    ).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('what care-pathway is told', () => {
  test('the first appointment is the new-patient one, until the patient has attended one on the pathway', () => {
    expect(isFirstAppointment('NEW', false)).toBe(true);
    expect(isFirstAppointment('NEW', true)).toBe(false);
    expect(isFirstAppointment('FOLLOW_UP', false)).toBe(false);
    expect(isFirstAppointment(null, false)).toBe(false);
  });

  test('a DNA is dated at the appointment; a cancellation when it was made', () => {
    const dna = { status: 'DID_NOT_ATTEND' as const, dnaCommunicatedClearly: true, communicationEvidence: 'Letter' };
    expect(attendanceEvent(booked, dna, true)).toEqual({
      pathwayId: booked.pathwayId,
      appointmentId: booked.id,
      outcome: 'DID_NOT_ATTEND',
      firstAppointment: true,
      dnaCommunicatedClearly: true,
      occurredAt: '2026-12-01T09:00:00.000Z',
    });
    expect(cancellationEvent(booked, { by: 'HOSPITAL', reason: 'Clinician unwell', at: before }, true)).toMatchObject({
      outcome: 'CANCELLED_BY_HOSPITAL',
      dnaCommunicatedClearly: null,
      occurredAt: '2026-12-01T08:00:00.000Z',
    });
  });

  test('an appointment on no pathway tells care-pathway nothing', () => {
    expect(
      attendanceEvent(
        { ...booked, pathwayId: null },
        { status: 'ATTENDED', dnaCommunicatedClearly: null, communicationEvidence: null },
        false,
      ),
    ).toBeNull();
    expect(cancellationEvent({ ...booked, pathwayId: null }, { by: 'PATIENT', reason: 'x', at: before }, false)).toBeNull();
  });
});
