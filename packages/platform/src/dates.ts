import { badUserInput } from './errors.js';

/** A Postgres `date` arrives as midnight UTC; the API speaks `YYYY-MM-DD`. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` calendar date as midnight UTC (how Postgres `date` columns come back), or BAD_USER_INPUT. */
export function parseCalendarDate(value: string, field: string, label = field): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  // Date.UTC rolls 2026-02-30 over into March; a real calendar date round-trips unchanged.
  if (!date || toIsoDate(date) !== value) throw badUserInput(`${label} must be a calendar date written YYYY-MM-DD.`, field);
  return date;
}

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 date-time with an offset (`2026-11-24T09:30:00Z`), or BAD_USER_INPUT. Without an offset the
 * instant would depend on the server's time zone, so one is required (as the `DateTime` scalar requires).
 */
export function parseInstant(value: string, field: string, label = field): Date {
  const instant = new Date(value);
  if (!instantPattern.test(value) || Number.isNaN(instant.getTime())) {
    throw badUserInput(`${label} must be an ISO 8601 date-time with an offset, for example 2026-11-24T09:30:00Z.`, field);
  }
  return instant;
}

// England's civil time: GMT in winter, BST in summer, from the platform's time-zone data.
const england = 'Europe/London';
// en-CA formats as YYYY-MM-DD.
const englishDate = new Intl.DateTimeFormat('en-CA', { timeZone: england, year: 'numeric', month: '2-digit', day: '2-digit' });
const englishWallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: england,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * The date in England (`YYYY-MM-DD`) of an instant — "today", or the day an appointment happened: one at 00:30
 * British Summer Time falls on that day, not on the UTC day before.
 */
export function calendarDateInEngland(instant: Date): string {
  return englishDate.format(instant);
}

/** How far England's wall clock is ahead of UTC at `instant` (0 in winter, one hour in summer), in milliseconds. */
function englandOffsetMs(instant: number): number {
  const part = Object.fromEntries(englishWallClock.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  const wallAsUtc = Date.UTC(part['year']!, part['month']! - 1, part['day'], part['hour'], part['minute'], part['second']);
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which clocks in England show a wall-clock time, given as if it were UTC (`Date.UTC(…)` of the
 * wall time): clinic templates ("Mondays 09:00") and HL7 timestamps without an offset are written that way. A
 * wall time skipped when the clocks go forward lands one hour later, as a clock on the wall would.
 */
export function instantOfEnglishWallClock(wallAsUtc: number): Date {
  const guess = wallAsUtc - englandOffsetMs(wallAsUtc);
  return new Date(wallAsUtc - englandOffsetMs(guess));
}
