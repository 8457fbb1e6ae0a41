import { badUserInput } from '@epr/platform';
import { calendarDateInEngland, type CalendarDate } from './rtt/calendar-date.js';
import { admissionWithoutTreatmentStatus, type AdmissionWithoutTreatment } from './rtt/admission-without-treatment.js';
import type { AppointmentOutcome, RttEvent } from './rtt/rtt-event.js';
import { optionalText, requirePastDate } from './input-rules.js';

export interface RecordRttEventRequest {
  rttStatus?: string | null;
  admissionWithoutTreatment?: AdmissionWithoutTreatment | null;
  occurredOn: string;
  admitted?: boolean | null;
  decisionToAdmit?: boolean | null;
  communicationEvidence?: string | null;
  note?: string | null;
}

/** What a clinician records on a pathway's clock: an RTT status, or an admission that did not treat. */
export interface ClinicalClockEvent {
  event: Extract<RttEvent, { kind: 'RTT_STATUS' | 'ADMISSION_WITHOUT_TREATMENT' }>;
  communicationEvidence: string | null;
  note: string | null;
}

/** The clinic-outcome status that says the patient did not attend their first appointment (rule 5e). */
const firstAppointmentDna = '33';

/**
 * An RTT status from a clinical outcome form (or an admission without treatment), checked for shape; the clock
 * then checks it against the rules. Status 33 nullifies a clock only when the provider can show the appointment
 * was clearly communicated (rule 5e), so it must come with that evidence, as a DNA recorded in scheduling does.
 */
export function parseRttEventRequest(input: RecordRttEventRequest, today: CalendarDate): ClinicalClockEvent {
  const on = requirePastDate(input.occurredOn, 'input.occurredOn', 'The date of the event', today);
  const note = optionalText(input.note, 'input.note', 'The note', 4000);
  const evidence = optionalText(input.communicationEvidence, 'input.communicationEvidence', 'The communication evidence', 500);
  const code = input.rttStatus?.trim() || null;
  if (input.admissionWithoutTreatment) {
    if (code !== null && code !== admissionWithoutTreatmentStatus) {
      throw badUserInput(
        `An admission without treatment is RTT status ${admissionWithoutTreatmentStatus} (the clock keeps running): leave rttStatus out, or give ${admissionWithoutTreatmentStatus}.`,
        'input.rttStatus',
      );
    }
    if (input.admitted || input.decisionToAdmit) {
      throw badUserInput('admitted and decisionToAdmit go with an RTT status, not with an admission without treatment.', 'input.admitted');
    }
    if (evidence) throw badUserInput('communicationEvidence is recorded with status 33 only.', 'input.communicationEvidence');
    return {
      event: { kind: 'ADMISSION_WITHOUT_TREATMENT', on, admission: input.admissionWithoutTreatment },
      communicationEvidence: null,
      note,
    };
  }
  if (code === null) {
    throw badUserInput('Give the RTT status recorded (rttStatus), or the kind of admission without treatment.', 'input.rttStatus');
  }
  if (code === firstAppointmentDna && !evidence) {
    throw badUserInput(
      'Status 33 nullifies the clock only when the appointment was clearly communicated to the patient: record how ' +
        '(communicationEvidence), e.g. "Appointment letter sent 2025-03-10, text reminder 2025-04-06" (rule 5e).',
      'input.communicationEvidence',
    );
  }
  if (code !== firstAppointmentDna && evidence) {
    throw badUserInput('communicationEvidence is recorded with status 33 only.', 'input.communicationEvidence');
  }
  const event = {
    kind: 'RTT_STATUS' as const,
    on,
    code,
    admitted: input.admitted ?? false,
    decisionToAdmit: input.decisionToAdmit ?? false,
  };
  return { event, communicationEvidence: evidence, note };
}

export interface AppointmentOutcomeRequest {
  outcome: AppointmentOutcome;
  firstAppointment: boolean;
  dnaCommunicatedClearly?: boolean | null;
  communicationEvidence?: string | null;
  backEntered?: boolean | null;
  occurredAt: string;
}

/** An appointment outcome from scheduling; its RTT date is the day it happened in England. */
export function parseAppointmentOutcome(
  input: AppointmentOutcomeRequest,
  now: Date,
): {
  event: Extract<RttEvent, { kind: 'APPOINTMENT_OUTCOME' }>;
  occurredAt: Date;
  communicationEvidence: string | null;
  backEntered: boolean;
} {
  const occurredAt = new Date(input.occurredAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(input.occurredAt) || Number.isNaN(occurredAt.getTime())) {
    throw badUserInput('occurredAt must be an ISO 8601 date-time, e.g. 2026-11-24T09:30:00Z.', 'input.occurredAt');
  }
  const on = calendarDateInEngland(occurredAt);
  if (on > calendarDateInEngland(now)) throw badUserInput('An appointment outcome cannot have happened in the future.', 'input.occurredAt');
  const dna = input.outcome === 'DID_NOT_ATTEND';
  const event = {
    kind: 'APPOINTMENT_OUTCOME' as const,
    on,
    outcome: input.outcome,
    firstAppointment: input.firstAppointment,
    dnaCommunicatedClearly: dna ? (input.dnaCommunicatedClearly ?? null) : null,
  };
  const communicationEvidence = dna
    ? optionalText(input.communicationEvidence, 'input.communicationEvidence', 'The communication evidence', 500)
    : null;
  return { event, occurredAt, communicationEvidence, backEntered: input.backEntered ?? false };
}
