import type { RttPeriod } from './rtt-period.js';

/**
 * Where a pathway's clock stands. There are no pauses (guidance 1.1, since October 2015): a clock runs until
 * it stops, and only the events of rules 3 and 4/5 change that.
 */
export type ClockPhase =
  | 'NOT_STARTED'
  | 'RUNNING'
  /** Stopped by treatment, a decision not to treat or the patient declining; rule 3 may start a new clock. */
  | 'STOPPED'
  /** Stopped for active monitoring; a decision to treat (11) starts a new clock. */
  | 'ACTIVE_MONITORING'
  /** Nullified by a first-appointment DNA; rebooking (10) starts a new clock. */
  | 'NULLIFIED'
  /** Nothing further: the patient died, care moved to another provider, or the referral was rejected. */
  | 'CLOSED';

/**
 * The phase, told apart further where the rules tell it apart: what an RTT status does depends on it
 * (status-codes.ts). A running clock is before the first appointment, after it, or after a decision to admit;
 * a stopped one was stopped by treatment (90 applies) or by a decision without treatment.
 */
export type ClockSituation =
  | 'NOT_STARTED'
  /** Running; the first appointment after the referral (or the rebooking, rule 3e) has not happened yet. */
  | 'AWAITING_FIRST_APPOINTMENT'
  /** Running; the patient has been seen on this clock, or it was started by a clinical decision (rules 3a, 3b, 3d). */
  | 'SEEN'
  /** Running; a decision to admit for treatment has been made (part 2a of the return). */
  | 'DECIDED_TO_ADMIT'
  | 'ACTIVE_MONITORING'
  /** Stopped by first definitive treatment. */
  | 'TREATED'
  /** Stopped without treatment: a decision not to treat, or the patient declined. */
  | 'STOPPED'
  | 'NULLIFIED'
  | 'CLOSED';

export function situationOf(phase: ClockPhase, period: RttPeriod | undefined): ClockSituation {
  switch (phase) {
    case 'RUNNING':
      if (period?.decisionToAdmitOn) return 'DECIDED_TO_ADMIT';
      return period?.attended ? 'SEEN' : 'AWAITING_FIRST_APPOINTMENT';
    case 'STOPPED':
      return period?.endReason === 'FIRST_DEFINITIVE_TREATMENT' ? 'TREATED' : 'STOPPED';
    default:
      return phase;
  }
}

export function isRunning(situation: ClockSituation): boolean {
  return situation === 'AWAITING_FIRST_APPOINTMENT' || situation === 'SEEN' || situation === 'DECIDED_TO_ADMIT';
}
