import { badUserInput } from '@epr/platform';
import { calendarDateInEngland, type CalendarDate } from './rtt/calendar-date.js';
import type { AppointmentOutcome, RttEvent } from './rtt/rtt-event.js';
import { optionalText, requirePastDate } from './input-rules.js';

export interface RecordRttEventRequest {
  rttStatus: string;
  occurredOn: string;
  admitted?: boolean | null;
  decisionToAdmit?: boolean | null;
  note?: string | null;
}

/** An RTT status from a clinical outcome form, checked for shape; the clock then checks it against the rules. */
export function parseRttEventRequest(
  input: RecordRttEventRequest,
  today: CalendarDate,
): { event: Extract<RttEvent, { kind: 'RTT_STATUS' }>; note: string | null } {
  const on = requirePastDate(input.occurredOn, 'input.occurredOn', 'The date of the event', today);
  const event = {
    kind: 'RTT_STATUS' as const,
    on,
    code: input.rttStatus.trim(),
    admitted: input.admitted ?? false,
    decisionToAdmit: input.decisionToAdmit ?? false,
  };
  return { event, note: optionalText(input.note, 'input.note', 'The note', 4000) };
}

export interface AppointmentOutcomeRequest {
  outcome: AppointmentOutcome;
  firstAppointment: boolean;
  dnaCommunicatedClearly?: boolean | null;
  occurredAt: string;
}

/** An appointment outcome from scheduling; its RTT date is the day it happened in England. */
export function parseAppointmentOutcome(
  input: AppointmentOutcomeRequest,
  now: Date,
): { event: Extract<RttEvent, { kind: 'APPOINTMENT_OUTCOME' }>; occurredAt: Date } {
  const occurredAt = new Date(input.occurredAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(input.occurredAt) || Number.isNaN(occurredAt.getTime())) {
    throw badUserInput('occurredAt must be an ISO 8601 date-time, e.g. 2026-11-24T09:30:00Z.', 'input.occurredAt');
  }
  const on = calendarDateInEngland(occurredAt);
  if (on > calendarDateInEngland(now)) throw badUserInput('An appointment outcome cannot have happened in the future.', 'input.occurredAt');
  const event = {
    kind: 'APPOINTMENT_OUTCOME' as const,
    on,
    outcome: input.outcome,
    firstAppointment: input.firstAppointment,
    dnaCommunicatedClearly: input.outcome === 'DID_NOT_ATTEND' ? (input.dnaCommunicatedClearly ?? null) : null,
  };
  return { event, occurredAt };
}
