import { badUserInput, conflict } from '@epr/platform';
import { RttRuleViolation, type RttViolationSubject } from './domain/rtt/rtt-rule-violation.js';
import { StateConflict } from './data/state-conflict.js';
import { ClockHistoryConflict } from './domain/rtt/clock-history.js';

/**
 * A refusal from below as the typed error the API returns: a national rule (BAD_USER_INPUT naming the input
 * field to fix) or the record's state (CONFLICT), including a pathway history an event dated among its events
 * would break. Anything else is rethrown as it is, to be masked.
 */
export function asApiError(error: unknown, fields: Partial<Record<RttViolationSubject, string>> = {}): unknown {
  if (error instanceof RttRuleViolation) return badUserInput(error.message, fields[error.subject] ?? `input.${error.subject}`);
  if (error instanceof StateConflict) return conflict(error.message);
  if (error instanceof ClockHistoryConflict) return conflict(error.message, fields.occurredOn ?? 'input.occurredOn');
  return error;
}
