import { badUserInput } from '@epr/platform';
import { addDays, daysBetween, type CalendarDate } from './rtt/calendar-date.js';
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

/** A month of the RTT return, `YYYY-MM`, up to the current one: its first and last days. */
export function reportingMonth(value: string, field: string, today: CalendarDate): { month: string; from: CalendarDate; to: CalendarDate } {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || year < 1990)
    throw badUserInput('The month must be written YYYY-MM, for example 2026-04.', field);
  if (value > today.slice(0, 7)) throw badUserInput(`The month cannot be in the future (this month is ${today.slice(0, 7)}).`, field);
  const from = `${value}-01`;
  // The day before the first of the next month.
  const to = addDays(month === 12 ? `${year + 1}-01-01` : `${value.slice(0, 5)}${String(month + 1).padStart(2, '0')}-01`, -1);
  return { month: value, from, to };
}
