import type { PathwayEventKind, Prisma } from '../__generated__/prisma/client.js';
import type { RttEvent } from '../domain/rtt/rtt-event.js';
import { calendarDate } from './calendar-columns.js';

/** The timeline entries the RTT clock folds; the others (triage, letters, assessments) do not touch it. */
export const clockEventKinds: readonly PathwayEventKind[] = [
  'REFERRAL_RECEIVED',
  'REFERRAL_REJECTED',
  'REFERRAL_WITHDRAWN',
  'RTT_STATUS',
  'ADMISSION_WITHOUT_TREATMENT',
  'APPOINTMENT_OUTCOME',
];

export const clockEventColumns = {
  id: true,
  kind: true,
  occurredOn: true,
  clockEffect: true,
  rttStatus: true,
  admitted: true,
  decisionToAdmit: true,
  admissionWithoutTreatment: true,
  appointmentOutcome: true,
  firstAppointment: true,
  dnaCommunicatedClearly: true,
} as const satisfies Prisma.PathwayEventSelect;

export type ClockEventRow = Prisma.PathwayEventGetPayload<{ select: typeof clockEventColumns }>;

/** A stored timeline entry as the clock event it records; what it did to the clock is derived again, not read. */
export function toClockEvent(row: ClockEventRow): RttEvent {
  const on = calendarDate(row.occurredOn);
  switch (row.kind) {
    case 'REFERRAL_RECEIVED':
    case 'REFERRAL_REJECTED':
    case 'REFERRAL_WITHDRAWN':
      return { kind: row.kind, on };
    case 'RTT_STATUS':
      return {
        kind: 'RTT_STATUS',
        on,
        code: required(row.rttStatus, row),
        admitted: row.admitted ?? false,
        decisionToAdmit: row.decisionToAdmit ?? false,
      };
    case 'ADMISSION_WITHOUT_TREATMENT':
      return { kind: 'ADMISSION_WITHOUT_TREATMENT', on, admission: required(row.admissionWithoutTreatment, row) };
    case 'APPOINTMENT_OUTCOME':
      return {
        kind: 'APPOINTMENT_OUTCOME',
        on,
        outcome: required(row.appointmentOutcome, row),
        firstAppointment: row.firstAppointment ?? false,
        dnaCommunicatedClearly: row.dnaCommunicatedClearly,
      };
    default:
      throw new Error(`pathway event ${row.id} of kind ${row.kind} is not a clock event`);
  }
}

function required<T>(value: T | null, row: ClockEventRow): T {
  if (value === null) throw new Error(`pathway event ${row.id} (${row.kind}) is missing what the clock needs`);
  return value;
}
