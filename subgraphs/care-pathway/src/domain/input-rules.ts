import { badUserInput } from '@epr/platform';
export { requireText, optionalText } from '@epr/platform';
import { isCalendarDate, type CalendarDate } from './rtt/calendar-date.js';

/** An ODS organisation code such as `RX1` or `A81001`, upper-cased. */
export function requireOdsCode(value: string, field: string, label: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z0-9]{3,10}$/.test(code))
    throw badUserInput(`${label} must be an ODS code of 3 to 10 letters and digits, such as RX1 or A81001.`, field);
  return code;
}

/** A calendar date `YYYY-MM-DD` that is not after `today`. */
export function requirePastDate(value: string, field: string, label: string, today: CalendarDate): CalendarDate {
  if (!isCalendarDate(value)) throw badUserInput(`${label} must be a calendar date written YYYY-MM-DD.`, field);
  if (value > today) throw badUserInput(`${label} cannot be in the future (today is ${today}).`, field);
  return value;
}

/** Any calendar date `YYYY-MM-DD`. */
export function requireDate(value: string, field: string, label: string): CalendarDate {
  if (!isCalendarDate(value)) throw badUserInput(`${label} must be a calendar date written YYYY-MM-DD.`, field);
  return value;
}
