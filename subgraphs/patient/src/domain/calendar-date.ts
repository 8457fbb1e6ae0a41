import { badUserInput, parseCalendarDate, parseInstant } from '@epr/platform';

/** Refuses a date after `today` (compared as UTC calendar days). */
export function requireNotInFuture(date: Date, today: Date, field: string, label: string): Date {
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (date.getTime() > todayUtc) throw badUserInput(`${label} cannot be in the future.`, field);
  return date;
}

/** A past-or-today calendar date, for dates of events that have happened (onset, start, death). */
export function parsePastDate(value: string, today: Date, field: string, label: string): Date {
  return requireNotInFuture(parseCalendarDate(value, field, label), today, field, label);
}

// Clocks of departmental systems drift; an event stamped a few minutes ahead is still accepted.
const clockSkewMs = 5 * 60_000;

/** An ISO 8601 instant with an offset that has happened (within a little clock drift), or BAD_USER_INPUT. */
export function parseInstantNotInFuture(value: string, now: Date, field: string, label: string): Date {
  const instant = parseInstant(value, field, label);
  if (instant.getTime() > now.getTime() + clockSkewMs) throw badUserInput(`${label} cannot be in the future.`, field);
  return instant;
}
