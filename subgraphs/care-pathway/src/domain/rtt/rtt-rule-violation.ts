/** The part of an RTT event (or report request) a violation is about, so the API can name the field to fix. */
export type RttViolationSubject = 'occurredOn' | 'rttStatus' | 'admitted' | 'decisionToAdmit' | 'outcome' | 'censusDate';

/** An event the national rules do not allow at this point of the pathway; nothing is recorded. */
export class RttRuleViolation extends Error {
  constructor(
    message: string,
    readonly subject: RttViolationSubject,
  ) {
    super(message);
    this.name = 'RttRuleViolation';
  }
}
