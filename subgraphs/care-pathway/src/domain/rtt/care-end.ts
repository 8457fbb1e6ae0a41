import type { ClockPhase } from './clock-situation.js';

/**
 * Statuses that end the provider's care on a pathway (Annex D): 34, a decision not to treat or no further contact
 * (discharge back to the GP), and 35, the patient declined treatment. Treatment (30) and active monitoring (31, 32)
 * do not: the team still cares for the patient after the clock stops.
 */
const dischargeStatuses: ReadonlySet<string> = new Set(['34', '35']);

/**
 * Does the pathway's care end with this event? When the pathway is closed (the referral rejected at triage, care
 * transferred, the patient died) or the event discharges the patient from a stopped clock. A nullified clock (a
 * first-appointment DNA) does not end care: the patient may rebook.
 */
export function endsCare(status: string | null, phase: ClockPhase): boolean {
  return phase === 'CLOSED' || (phase === 'STOPPED' && status !== null && dischargeStatuses.has(status));
}
