import { toIsoDate } from '@epr/platform';
import type { CalendarDate } from '../domain/rtt/calendar-date.js';

/** A Postgres `date` column as Prisma reads and writes it: midnight UTC. */
export function dateColumn(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function calendarDate(column: Date): CalendarDate {
  return toIsoDate(column);
}

export function optionalCalendarDate(column: Date | null): CalendarDate | null {
  return column === null ? null : toIsoDate(column);
}
