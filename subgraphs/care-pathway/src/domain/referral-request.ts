import { badUserInput } from '@epr/platform';
import type { CalendarDate } from './rtt/calendar-date.js';
import { isUuid, optionalText, requireOdsCode, requirePastDate, requireText } from './input-rules.js';

export type Priority = 'ROUTINE' | 'URGENT' | 'TWO_WEEK_WAIT';

export interface CreateReferralRequest {
  patientId: string;
  referringOrganisation: string;
  referringClinician: string;
  receivingOrganisation: string;
  specialty: string;
  priority: Priority;
  reason: string;
  ubrn?: string | null;
  receivedOn: string;
}

/** A referral as it is stored on receipt. */
export type NewReferral = Omit<CreateReferralRequest, 'ubrn' | 'receivedOn'> & { ubrn: string | null; receivedOn: CalendarDate };

/** Checks a referral before anything is written; each problem is a BAD_USER_INPUT naming its field. */
export function validateReferral(input: CreateReferralRequest, today: CalendarDate): NewReferral {
  if (!isUuid(input.patientId)) throw badUserInput('patientId must be a patient id from the master patient index.', 'input.patientId');
  return {
    patientId: input.patientId.toLowerCase(),
    referringOrganisation: requireOdsCode(input.referringOrganisation, 'input.referringOrganisation', 'The referring organisation'),
    referringClinician: requireText(input.referringClinician, 'input.referringClinician', 'The referring clinician', 200),
    receivingOrganisation: requireOdsCode(input.receivingOrganisation, 'input.receivingOrganisation', 'The receiving organisation'),
    specialty: requireText(input.specialty, 'input.specialty', 'The specialty', 100),
    priority: input.priority,
    reason: requireText(input.reason, 'input.reason', 'The reason for referral', 4000),
    ubrn: normaliseUbrn(input.ubrn),
    // 3.2.1: the clock starts on the date the provider receives the referral, which cannot be in the future.
    receivedOn: requirePastDate(input.receivedOn, 'input.receivedOn', 'The date received', today),
  };
}

function normaliseUbrn(value: string | null | undefined): string | null {
  const ubrn = optionalText(value, 'input.ubrn', 'The UBRN', 20)?.replace(/[\s-]/g, '') ?? null;
  if (ubrn !== null && !/^\d{12}$/.test(ubrn))
    throw badUserInput('A UBRN (e-RS Unique Booking Reference Number) has 12 digits.', 'input.ubrn');
  return ubrn;
}
