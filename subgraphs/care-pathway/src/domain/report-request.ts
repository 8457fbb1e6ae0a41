import { badUserInput } from '@epr/platform';
import { daysBetween, type CalendarDate } from './rtt/calendar-date.js';
import { optionalText, requireDate, requireOdsCode } from './input-rules.js';

/** Which provider (and specialty) a report is about. */
export interface ReportScopeRequest {
  organisation: string;
  specialty?: string | null;
}

export function reportScope(input: ReportScopeRequest): { organisation: string; specialty: string | null } {
  return {
    organisation: requireOdsCode(input.organisation, 'organisation', 'The organisation'),
    specialty: optionalText(input.specialty, 'specialty', 'The specialty', 100),
  };
}

/** A reporting period of at most a year, `from` to `to` inclusive. */
export function reportingPeriod(from: string, to: string): { from: CalendarDate; to: CalendarDate } {
  const start = requireDate(from, 'from', '`from`');
  const end = requireDate(to, 'to', '`to`');
  if (end < start) throw badUserInput('`to` must not be before `from`.', 'to');
  if (daysBetween(start, end) > 366) throw badUserInput('A reporting period can be at most a year; ask for one month at a time.', 'to');
  return { from: start, to: end };
}

/** The census date asked for, or today when none was given. */
export function censusDate(value: string | null | undefined, today: CalendarDate): CalendarDate {
  return value == null ? today : requireDate(value, 'censusDate', 'The census date');
}
