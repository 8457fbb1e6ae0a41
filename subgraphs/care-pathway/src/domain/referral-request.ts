import { badUserInput, isUuid } from '@epr/platform';
import type { CalendarDate } from './rtt/calendar-date.js';
import { optionalText, requireOdsCode, requirePastDate, requireText } from './input-rules.js';

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
  referredOn?: string | null;
  ubrnConvertedOn?: string | null;
}

/** A referral as it is stored on receipt. */
export type NewReferral = Omit<CreateReferralRequest, 'ubrn' | 'receivedOn' | 'referredOn' | 'ubrnConvertedOn'> & ReferralDates;

/** The dates a referral keeps apart (guidance 3.2.1); only one of them starts the clock. */
export interface ReferralDates {
  ubrn: string | null;
  /** The referrer's decision to refer: it does not start the clock. */
  referredOn: CalendarDate | null;
  /** e-RS: the patient converted the UBRN. */
  ubrnConvertedOn: CalendarDate | null;
  /** The provider received the referral. */
  receivedOn: CalendarDate;
}

/**
 * 3.2.1: the clock starts when the provider receives notice of the referral — for e-RS, the date the patient
 * converts the UBRN (an e-RS referral recorded without that date keeps its received date as the conversion);
 * for any other referral, the date it is received. The referrer's own date never starts it.
 */
export function rttClockStart(referral: Pick<ReferralDates, 'ubrnConvertedOn' | 'receivedOn'>): CalendarDate {
  return referral.ubrnConvertedOn ?? referral.receivedOn;
}

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
    ...referralDates(input, today),
  };
}

function referralDates(input: CreateReferralRequest, today: CalendarDate): ReferralDates {
  const ubrn = normaliseUbrn(input.ubrn);
  const receivedOn = requirePastDate(input.receivedOn, 'input.receivedOn', 'The date received', today);
  const referredOn = input.referredOn == null ? null : requirePastDate(input.referredOn, 'input.referredOn', 'The referral date', today);
  const ubrnConvertedOn =
    input.ubrnConvertedOn == null
      ? null
      : requirePastDate(input.ubrnConvertedOn, 'input.ubrnConvertedOn', 'The UBRN conversion date', today);
  if (ubrnConvertedOn !== null && ubrn === null) {
    throw badUserInput('ubrnConvertedOn is for e-RS referrals: give the UBRN (ubrn) too, or leave the date out.', 'input.ubrnConvertedOn');
  }
  if (ubrnConvertedOn !== null && ubrnConvertedOn > receivedOn) {
    throw badUserInput(
      `An e-RS referral reaches the provider when its UBRN is converted, so ubrnConvertedOn (${ubrnConvertedOn}) cannot be after receivedOn (${receivedOn}).`,
      'input.ubrnConvertedOn',
    );
  }
  const firstProviderDate = ubrnConvertedOn ?? receivedOn;
  if (referredOn !== null && referredOn > firstProviderDate) {
    throw badUserInput(
      `The referrer decides to refer before the provider has the referral: referredOn (${referredOn}) cannot be after ${ubrnConvertedOn ? 'ubrnConvertedOn' : 'receivedOn'} (${firstProviderDate}).`,
      'input.referredOn',
    );
  }
  return { ubrn, referredOn, ubrnConvertedOn, receivedOn };
}

function normaliseUbrn(value: string | null | undefined): string | null {
  const ubrn = optionalText(value, 'input.ubrn', 'The UBRN', 20)?.replace(/[\s-]/g, '') ?? null;
  if (ubrn !== null && !/^\d{12}$/.test(ubrn))
    throw badUserInput('A UBRN (e-RS Unique Booking Reference Number) has 12 digits.', 'input.ubrn');
  return ubrn;
}
