import type { SlotKind } from './session-plan.js';
import type { AppointmentRecord } from '../data/appointment-store.js';
import type { Attendance } from './attendance.js';
import type { Cancellation } from './cancellation.js';

export type PathwayOutcome = 'ATTENDED' | 'DID_NOT_ATTEND' | 'CANCELLED_BY_PATIENT' | 'CANCELLED_BY_HOSPITAL';

/** What care-pathway's `recordAppointmentOutcome` takes, apart from the eventId the outbox row gives it. */
export interface AppointmentOutcomeEvent {
  pathwayId: string;
  appointmentId: string;
  outcome: PathwayOutcome;
  firstAppointment: boolean;
  dnaCommunicatedClearly: boolean | null;
  /** For a DNA clearly communicated: how (the evidence rule 5e asks for). Absent on events queued before it was sent. */
  communicationEvidence?: string | null;
  /** The appointment or its cancellation was entered after the fact. Absent on events queued before back-entry existed. */
  backEntered?: boolean;
  occurredAt: string;
}

/**
 * The first appointment of a pathway is its new-patient appointment, until the patient has attended one: a
 * rebooked first appointment after a DNA is still the first (PRN01045 §3.4.5), a follow-up never is.
 */
export function isFirstAppointment(kind: SlotKind | null, attendedEarlierOnPathway: boolean): boolean {
  return kind === 'NEW' && !attendedEarlierOnPathway;
}

/**
 * An attendance outcome for the appointment's pathway (null when it has none), dated at the appointment: the
 * date a DNA nullifies or stops a clock from.
 */
export function attendanceEvent(
  appointment: AppointmentRecord,
  attendance: Attendance,
  firstAppointment: boolean,
): AppointmentOutcomeEvent | null {
  if (!appointment.pathwayId) return null;
  return {
    pathwayId: appointment.pathwayId,
    appointmentId: appointment.id,
    outcome: attendance.status,
    firstAppointment,
    dnaCommunicatedClearly: attendance.dnaCommunicatedClearly,
    communicationEvidence: attendance.communicationEvidence,
    backEntered: appointment.backEntered,
    occurredAt: appointment.startsAt.toISOString(),
  };
}

/**
 * A cancellation for the appointment's pathway (null when it has none), dated when it was made (back-dated ones
 * included). Cancellations
 * never stop an RTT clock (there are no pauses), but they belong on its timeline.
 */
export function cancellationEvent(
  appointment: AppointmentRecord,
  cancellation: Cancellation,
  firstAppointment: boolean,
): AppointmentOutcomeEvent | null {
  if (!appointment.pathwayId) return null;
  return {
    pathwayId: appointment.pathwayId,
    appointmentId: appointment.id,
    outcome: cancellation.by === 'PATIENT' ? 'CANCELLED_BY_PATIENT' : 'CANCELLED_BY_HOSPITAL',
    firstAppointment,
    dnaCommunicatedClearly: null,
    communicationEvidence: null,
    backEntered: cancellation.backDated || appointment.backEntered,
    occurredAt: cancellation.at.toISOString(),
  };
}
