/**
 * RTT waits are counted in whole calendar days (guidance 10.1.7), so the engine works on dates without a time
 * or zone: `YYYY-MM-DD`, compared as day numbers since 1970-01-01.
 */
export type CalendarDate = string;

const msPerDay = 86_400_000;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  // Date rolls 2026-02-30 over into March; a real date round-trips unchanged.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function dayNumber(date: CalendarDate): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / msPerDay);
}

export function fromDayNumber(day: number): CalendarDate {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** The date in England of an instant (the platform's rule: Europe/London, GMT or BST). */
export { calendarDateInEngland } from '@epr/platform';
