import type { CalendarDate } from './calendar-date.js';

/** Which national rule started a clock (guidance 2.2 rules 1 to 3). */
export type ClockStartRule =
  /** Rules 1 and 2: the provider received the referral (for e-RS, the UBRN was converted). */
  | 'REFERRAL'
  /** Rules 3a and 3b: fit for the second side of a bilateral procedure, or a substantively new treatment. */
  | 'SUBSEQUENT_TREATMENT'
  /** Rule 3d: a decision to treat after a period of active monitoring. */
  | 'ACTIVE_MONITORING_ENDED'
  /** Rule 3e: the patient rebooked (or the clinician re-offered) after a first appointment DNA nullified the clock. */
  | 'REBOOKED_AFTER_DNA';

/** Why a clock period ended. */
export type PeriodEndReason =
  | 'FIRST_DEFINITIVE_TREATMENT'
  | 'ACTIVE_MONITORING'
  | 'DECISION_NOT_TO_TREAT'
  | 'PATIENT_DECLINED'
  | 'PATIENT_DIED'
  /** Rule 5e: removed from both numerator and denominator, as if the clock had never run (4.4.1.3). */
  | 'NULLIFIED'
  /** Status 21: the period continues at another provider, so it leaves this provider's list (Annex C). */
  | 'TRANSFERRED'
  /** The provider rejected the referral at triage; the period is not an RTT pathway of this provider. */
  | 'REFERRAL_REJECTED'
  /** The referral was withdrawn before the first appointment; as a rejection, not an RTT pathway of this provider. */
  | 'REFERRAL_WITHDRAWN';

/**
 * Periods that count in no report at any census date (4.4.1.3): nullified clocks, and referrals rejected or
 * withdrawn before the patient was seen — removed from numerator and denominator, not only after they ended.
 */
export const unreportedEndReasons: readonly PeriodEndReason[] = ['NULLIFIED', 'REFERRAL_REJECTED', 'REFERRAL_WITHDRAWN'];

/** One RTT period (clock) of a patient pathway: a pathway may have several, never two at once (Annex C). */
export interface RttPeriod {
  readonly startedOn: CalendarDate;
  readonly startRule: ClockStartRule;
  readonly endedOn: CalendarDate | null;
  readonly endReason: PeriodEndReason | null;
  /** The RTT status code that ended the period, when one did. */
  readonly endStatus: string | null;
  /** Treatment began with an inpatient or day-case admission: an admitted pathway (10.1.1.2 part 1a). */
  readonly admitted: boolean;
  /** When a decision to admit for treatment was made on this clock (10.1.1.2 part 2a). */
  readonly decisionToAdmitOn: CalendarDate | null;
  /**
   * The patient has been seen on this clock — an attendance, status 10 or 20, a decision to admit, an admission —
   * or the clock was started by a clinical decision (rules 3a, 3b, 3d), so no later DNA is a first-appointment
   * DNA (rules 5e, 5f).
   */
  readonly attended: boolean;
}

const completedReasons: ReadonlySet<PeriodEndReason> = new Set([
  'FIRST_DEFINITIVE_TREATMENT',
  'ACTIVE_MONITORING',
  'DECISION_NOT_TO_TREAT',
  'PATIENT_DECLINED',
  'PATIENT_DIED',
]);

/** A completed pathway in the monthly return (parts 1a and 1b): stopped, not nullified, transferred or rejected. */
export function isCompletedPathway(reason: PeriodEndReason | null): boolean {
  return reason !== null && completedReasons.has(reason);
}
