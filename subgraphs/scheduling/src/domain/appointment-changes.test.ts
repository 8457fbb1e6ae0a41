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
  createdAt: new Date('2026-11-20T10:00:00Z'),
  backEntered: false,
};
const now = { backDated: false };

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
    expect(codeOf(() => checkCancellable(booked, { ...now, at: before }))).toBeNull();
    expect(validateCancellation({ by: 'PATIENT', reason: '  Away that week ' }, before)).toEqual({
      by: 'PATIENT',
      reason: 'Away that week',
      at: before,
      backDated: false,
    });
    expect(codeOf(() => validateCancellation({ by: 'PATIENT', reason: ' ' }, before))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.reason',
    });
  });

  test('cancelling twice is a CONFLICT that says when and by whom it was cancelled', () => {
    const cancelled = { ...booked, status: 'CANCELLED' as const, cancelledBy: 'HOSPITAL' as const, cancelledAt: before };
    expect(() => checkCancellable(cancelled, { ...now, at: before })).toThrow(
      /already cancelled on 2026-12-01T08:00:00.000Z by the hospital/,
    );
    expect(codeOf(() => checkCancellable(cancelled, { ...now, at: before }))).toEqual({ code: 'CONFLICT', field: 'input.appointmentId' });
  });

  test('an appointment with an outcome, or one that has started, cannot be cancelled', () => {
    expect(codeOf(() => checkCancellable({ ...booked, status: 'ATTENDED' }, { ...now, at: after }))).toMatchObject({ code: 'CONFLICT' });
    expect(codeOf(() => checkCancellable(booked, { ...now, at: after }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.appointmentId',
    });
  });
});

describe('back-dating a cancellation (back-entry)', () => {
  const cancel = { by: 'PATIENT' as const, reason: 'Phoned to cancel' };

  test('a cancellation dated in the past is back-dated, and dated then', () => {
    expect(validateCancellation({ ...cancel, occurredAt: '2026-11-25T10:00:00Z' }, after)).toEqual({
      ...cancel,
      at: new Date('2026-11-25T10:00:00Z'),
      backDated: true,
    });
  });

  test('one dated in the future, or not a date-time, is refused naming occurredAt', () => {
    expect(codeOf(() => validateCancellation({ ...cancel, occurredAt: '2026-12-01T09:06:00Z' }, after))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.occurredAt',
    });
    expect(codeOf(() => validateCancellation({ ...cancel, occurredAt: 'last Tuesday' }, after))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.occurredAt',
    });
  });

  test('an appointment that has started since can be cancelled as of a date before its start, not after', () => {
    expect(codeOf(() => checkCancellable(booked, { backDated: true, at: before }))).toBeNull();
    expect(codeOf(() => checkCancellable(booked, { backDated: true, at: after }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.occurredAt',
    });
  });

  test('a live booking cannot have been cancelled before it was booked; a back-entered one has no such bound', () => {
    const beforeBooking = { backDated: true, at: new Date('2026-11-19T10:00:00Z') };
    expect(codeOf(() => checkCancellable(booked, beforeBooking))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.occurredAt' });
    expect(codeOf(() => checkCancellable({ ...booked, backEntered: true }, beforeBooking))).toBeNull();
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
      communicationEvidence: 'Letter',
      backEntered: false,
      occurredAt: '2026-12-01T09:00:00.000Z',
    });
    expect(cancellationEvent(booked, { by: 'HOSPITAL', reason: 'Clinician unwell', at: before, backDated: false }, true)).toMatchObject({
      outcome: 'CANCELLED_BY_HOSPITAL',
      dnaCommunicatedClearly: null,
      backEntered: false,
      occurredAt: '2026-12-01T08:00:00.000Z',
    });
  });

  test('care-pathway is told what was back-entered: an outcome of a back-entered appointment, a back-dated cancellation', () => {
    const attended = { status: 'ATTENDED' as const, dnaCommunicatedClearly: null, communicationEvidence: null };
    expect(attendanceEvent({ ...booked, backEntered: true }, attended, true)).toMatchObject({ backEntered: true });
    expect(cancellationEvent(booked, { by: 'PATIENT', reason: 'x', at: before, backDated: true }, true)).toMatchObject({
      backEntered: true,
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
    expect(
      cancellationEvent({ ...booked, pathwayId: null }, { by: 'PATIENT', reason: 'x', at: before, backDated: false }, false),
    ).toBeNull();
  });
});
