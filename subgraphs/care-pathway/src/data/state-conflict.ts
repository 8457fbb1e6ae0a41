/** A change the record's current state does not allow (already triaged, already signed off...); nothing is written. */
export class StateConflict extends Error {}
