import type { ClockPhase, ClockSituation } from './clock-situation.js';
import type { ClockStartRule, PeriodEndReason } from './rtt-period.js';

/** What recording an RTT status does to the clock in one situation. */
export type StatusOutcome =
  /** A new clock starts (rule 3), under the rule named. */
  | { readonly kind: 'START'; readonly rule: ClockStartRule }
  /** The clock keeps running; `seen`: the patient has now been seen on it, so no later DNA is a first-appointment DNA. */
  | { readonly kind: 'CONTINUE'; readonly seen: boolean }
  /** The running clock stops for `reason`; the pathway is then in `phase`. */
  | { readonly kind: 'STOP'; readonly reason: PeriodEndReason; readonly phase: ClockPhase }
  /** Status 33: the DNA rule (first-appointment-dna.ts) decides; the status is refused unless the DNA nullifies. */
  | { readonly kind: 'FIRST_APPOINTMENT_DNA' }
  /** On the timeline only: no clock is running; the pathway moves to `phase` when one is given. */
  | { readonly kind: 'RECORD'; readonly phase?: ClockPhase };

/**
 * One of the 17 RTT period status codes of DSCN 18/2006 (guidance Annex D) and what it does in every situation
 * of the clock. Data, not code: the clock (rtt-clock.ts) looks the outcome up here and nothing else decides it.
 */
export interface RttStatus {
  readonly code: string;
  readonly meaning: string;
  /** What the status does in each situation; in any situation not listed it is refused. */
  readonly outcomes: Partial<Record<ClockSituation, StatusOutcome>>;
  /** Why the status is refused where it does not apply, when "there is no running clock" would not say it. */
  readonly refusal?: string;
  readonly refusals?: Partial<Record<ClockSituation, string>>;
  /** May carry a decision to admit for treatment (10.1.1.2 part 2a). */
  readonly decisionToAdmit?: true;
  /** May say that treatment began with an admission: an admitted pathway, stopped on the admission date (4.3.2.3). */
  readonly admission?: true;
}

const seen: StatusOutcome = { kind: 'CONTINUE', seen: true };

/** The same outcome whatever has happened on the running clock. */
function whileRunning(outcome: StatusOutcome): Partial<Record<ClockSituation, StatusOutcome>> {
  return { AWAITING_FIRST_APPOINTMENT: outcome, SEEN: outcome, DECIDED_TO_ADMIT: outcome };
}

function stop(reason: PeriodEndReason, phase: ClockPhase = 'STOPPED'): StatusOutcome {
  return { kind: 'STOP', reason, phase };
}

/**
 * 34 and 35 stop a running clock. Once it has stopped (treatment, active monitoring) they record the discharge
 * without a second stop, and the patient is no longer on active monitoring; a nullified clock stays nullified.
 */
function stopOrDischarge(reason: PeriodEndReason): Partial<Record<ClockSituation, StatusOutcome>> {
  const discharged: StatusOutcome = { kind: 'RECORD', phase: 'STOPPED' };
  return {
    ...whileRunning(stop(reason)),
    ACTIVE_MONITORING: discharged,
    TREATED: discharged,
    STOPPED: discharged,
    NULLIFIED: { kind: 'RECORD' },
  };
}

/** On a stopped clock: recorded, nothing changes. */
const afterAnyStop: Partial<Record<ClockSituation, StatusOutcome>> = {
  ACTIVE_MONITORING: { kind: 'RECORD' },
  TREATED: { kind: 'RECORD' },
  STOPPED: { kind: 'RECORD' },
  NULLIFIED: { kind: 'RECORD' },
};

export const rttStatuses: readonly RttStatus[] = [
  {
    code: '10',
    meaning: 'First activity in a referral to treatment period',
    // Annex D note 28: on a running clock 10 is the first care event (e.g. the first outpatient appointment),
    // not a start. On a stopped clock it starts a new one: rules 3a and 3b after treatment or a decision
    // (3.4.1, 3.4.2), rule 3e after a nullifying DNA (3.4.5: the patient rebooked or the clinician re-offered).
    outcomes: {
      ...whileRunning(seen),
      TREATED: { kind: 'START', rule: 'SUBSEQUENT_TREATMENT' },
      STOPPED: { kind: 'START', rule: 'SUBSEQUENT_TREATMENT' },
      NULLIFIED: { kind: 'START', rule: 'REBOOKED_AFTER_DNA' },
    },
    refusals: {
      ACTIVE_MONITORING: 'This patient is on active monitoring: a decision to treat starts a new clock with status 11, not 10 (rule 3d).',
    },
    decisionToAdmit: true,
  },
  {
    code: '11',
    meaning: 'First activity at the start of a new period following active monitoring',
    // Rule 3d, 3.4.4: the new clock starts on the date the decision to treat is made and communicated.
    outcomes: { ACTIVE_MONITORING: { kind: 'START', rule: 'ACTIVE_MONITORING_ENDED' } },
    refusal: 'Status 11 ends a period of active monitoring, but this patient is not on active monitoring.',
    decisionToAdmit: true,
  },
  {
    code: '12',
    meaning: 'First activity of a new period following a consultant referral for a separate condition',
    outcomes: {},
    refusal: 'Status 12 starts a new pathway for a separate condition (Annex E): record a new referral for it instead.',
  },
  {
    code: '20',
    meaning: 'Subsequent activity during a referral to treatment period; further activity anticipated',
    outcomes: whileRunning(seen),
    decisionToAdmit: true,
  },
  {
    code: '21',
    meaning: 'Transfer to another health care provider',
    // Annex C: the period continues at the other provider, so it leaves this provider's list.
    outcomes: whileRunning(stop('TRANSFERRED', 'CLOSED')),
  },
  {
    code: '30',
    meaning: 'Start of first definitive treatment',
    // Rule 4a; an admission for treatment stops the clock on the admission date, the date of this event (4.3.2.3).
    outcomes: whileRunning(stop('FIRST_DEFINITIVE_TREATMENT')),
    admission: true,
  },
  {
    code: '31',
    meaning: 'Start of active monitoring initiated by the patient',
    outcomes: whileRunning(stop('ACTIVE_MONITORING', 'ACTIVE_MONITORING')),
  },
  {
    code: '32',
    meaning: 'Start of active monitoring initiated by the care professional',
    outcomes: whileRunning(stop('ACTIVE_MONITORING', 'ACTIVE_MONITORING')),
  },
  {
    code: '33',
    meaning: 'Patient did not attend the first appointment after the referral',
    // Rule 5e: nullifies only a clearly communicated DNA of the first appointment; judged by the DNA rule.
    outcomes: whileRunning({ kind: 'FIRST_APPOINTMENT_DNA' }),
  },
  {
    code: '34',
    meaning: 'Decision not to treat, or no further contact required',
    // Rules 4b, 5a, 5d, and 5f: discharge to the GP after a later DNA; Annex E: addition to a transplant list.
    outcomes: stopOrDischarge('DECISION_NOT_TO_TREAT'),
  },
  {
    code: '35',
    meaning: 'Patient declined offered treatment',
    outcomes: stopOrDischarge('PATIENT_DECLINED'),
  },
  {
    code: '36',
    meaning: 'Patient died before treatment',
    // 4.4.1.2 iii: nothing further happens on the pathway, whatever its clock was doing.
    outcomes: {
      ...whileRunning(stop('PATIENT_DIED', 'CLOSED')),
      ACTIVE_MONITORING: { kind: 'RECORD', phase: 'CLOSED' },
      TREATED: { kind: 'RECORD', phase: 'CLOSED' },
      STOPPED: { kind: 'RECORD', phase: 'CLOSED' },
      NULLIFIED: { kind: 'RECORD', phase: 'CLOSED' },
    },
  },
  {
    code: '90',
    meaning: 'After treatment: first treatment occurred previously',
    outcomes: { TREATED: { kind: 'RECORD' } },
    refusal: 'Status 90 is for activity after first definitive treatment, and this pathway has no treated clock.',
  },
  {
    code: '91',
    meaning: 'Activity during a period of active monitoring',
    outcomes: { ACTIVE_MONITORING: { kind: 'RECORD' } },
    refusal: 'Status 91 is for activity during active monitoring, and this patient is not on active monitoring.',
  },
  {
    code: '92',
    meaning: 'Not yet referred: undergoing diagnostic tests by the GP before referral',
    outcomes: { ...whileRunning({ kind: 'CONTINUE', seen: false }), ...afterAnyStop },
  },
  {
    code: '98',
    meaning: 'Not applicable to referral to treatment periods',
    outcomes: { ...whileRunning({ kind: 'CONTINUE', seen: false }), ...afterAnyStop },
  },
  {
    code: '99',
    meaning: 'Not yet known',
    outcomes: { ...whileRunning({ kind: 'CONTINUE', seen: false }), ...afterAnyStop },
  },
];

const byCode = new Map(rttStatuses.map((status) => [status.code, status]));

/** The status with that code, or undefined when the code is not one of the 17. */
export function rttStatus(code: string): RttStatus | undefined {
  return byCode.get(code);
}
