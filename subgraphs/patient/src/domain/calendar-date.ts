import { badUserInput } from '@epr/platform';

/** A `YYYY-MM-DD` calendar date as midnight UTC (how Postgres `date` columns come back), or BAD_USER_INPUT. */
export function parseCalendarDate(value: string, field: string, label: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  // Date.UTC rolls 2024-02-30 over into March; a real calendar date round-trips unchanged.
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw badUserInput(`${label} must be a calendar date written YYYY-MM-DD.`, field);
  }
  return date;
}

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
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(instant.getTime())) {
    throw badUserInput(`${label} must be an ISO 8601 date-time with an offset, for example 2026-11-24T09:30:00Z.`, field);
  }
  if (instant.getTime() > now.getTime() + clockSkewMs) throw badUserInput(`${label} cannot be in the future.`, field);
  return instant;
}
