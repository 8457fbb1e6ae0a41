import type { ClockSituation } from './clock-situation.js';

/** What a DNA does to a running clock. */
export type DnaVerdict =
  /** Rule 5e: the first appointment after the referral, clearly communicated: the clock is stopped and nullified. */
  | 'NULLIFIES'
  /** Rule 5f: any other appointment; the clock keeps running unless the patient is then discharged (34). */
  | 'NOT_FIRST_APPOINTMENT'
  /** Rule 5e needs the provider to show the appointment was clearly communicated; without that the clock runs on. */
  | 'NOT_COMMUNICATED';

export interface Dna {
  /** The caller's word that this was the first appointment (scheduling's slot kind, or status 33 itself). */
  readonly firstAppointment: boolean;
  readonly communicatedClearly: boolean | null;
}

/**
 * The one rule for a DNA (guidance 4.4.1.3), whichever way it arrives: status 33 from a clinic outcome or a DNA
 * reported by scheduling. The caller's "first appointment" is believed only while the pathway's own history
 * agrees: once the patient has been seen on the clock (an attendance, status 10 or 20, a decision to admit, an
 * admission), or the clock was started by a clinical decision rather than the referral, no DNA is a first one.
 */
export function judgeDna(situation: ClockSituation, dna: Dna): DnaVerdict {
  if (situation !== 'AWAITING_FIRST_APPOINTMENT' || !dna.firstAppointment) return 'NOT_FIRST_APPOINTMENT';
  return dna.communicatedClearly === true ? 'NULLIFIES' : 'NOT_COMMUNICATED';
}
