import { badUserInput, conflict } from '@epr/platform';
import type { AppointmentRecord } from '../data/appointment-store.js';
import type { RecordAttendanceInput } from '../__generated__/resolvers-types.js';
import { optionalText } from './input.js';

export interface Attendance {
  status: 'ATTENDED' | 'DID_NOT_ATTEND';
  dnaCommunicatedClearly: boolean | null;
  communicationEvidence: string | null;
}

/**
 * An attendance outcome, checked before anything is written. For a DNA the clerk must say whether the
 * appointment had been clearly communicated, and how: a first-appointment DNA nullifies the RTT clock only
 * when the provider can demonstrate that (PRN01045 §3.4.5, §4.4.1.3).
 */
export function validateAttendance(appointment: AppointmentRecord, input: RecordAttendanceInput, now: Date): Attendance {
  if (appointment.status === 'CANCELLED')
    throw conflict('This appointment was cancelled; there is no attendance to record.', 'input.appointmentId');
  if (appointment.status !== 'BOOKED')
    throw conflict(`The outcome of this appointment was already recorded (${appointment.status}).`, 'input.appointmentId');
  if (appointment.startsAt > now) {
    throw badUserInput(
      `This appointment starts at ${appointment.startsAt.toISOString()}: record its outcome once it has started.`,
      'input.appointmentId',
    );
  }
  const evidence = optionalText(input.communicationEvidence, 'input.communicationEvidence', 'Communication evidence', 500);
  if (input.outcome === 'ATTENDED') {
    if (input.dnaCommunicatedClearly != null || evidence) {
      throw badUserInput('dnaCommunicatedClearly and communicationEvidence are recorded for a DNA only.', 'input.dnaCommunicatedClearly');
    }
    return { status: 'ATTENDED', dnaCommunicatedClearly: null, communicationEvidence: null };
  }
  if (input.dnaCommunicatedClearly == null) {
    throw badUserInput(
      'For a DNA, say whether the appointment had been clearly communicated to the patient (dnaCommunicatedClearly): the RTT rules depend on it.',
      'input.dnaCommunicatedClearly',
    );
  }
  if (input.dnaCommunicatedClearly && !evidence) {
    throw badUserInput(
      'Record how the appointment was communicated (communicationEvidence), e.g. "Letter sent 2026-11-02".',
      'input.communicationEvidence',
    );
  }
  return { status: 'DID_NOT_ATTEND', dnaCommunicatedClearly: input.dnaCommunicatedClearly, communicationEvidence: evidence };
}
