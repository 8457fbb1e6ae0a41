/** How a write is named in the security log when it reached the record after the fact. */
export type BackEnteredAction<A extends string = string> = `${A}.back-entered`;

/**
 * The one place back-entry is marked in the security log. A write entered after the fact — an appointment booked
 * into a slot that had already started, a cancellation dated in the past, an outcome or RTT event dated before
 * events already recorded — is logged under its own action (e.g. `appointment.book.back-entered`), so a review
 * of the log tells back-entry (migration, feeds, late entry) apart from live work.
 */
export function writeAction<A extends string>(action: A, backEntered: boolean): A | BackEnteredAction<A> {
  return backEntered ? `${action}.back-entered` : action;
}
