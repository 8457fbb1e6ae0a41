import { badUserInput } from '@epr/platform';
export { requireText, optionalText } from '@epr/platform';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id here is a UUID; anything else cannot name a record, so look-ups answer "not found" without a query. */
export function isUuid(value: string): boolean {
  return uuid.test(value);
}

/** An id the caller must get right (e.g. the patient to book); a malformed one is their input to fix. */
export function requireId(value: string, field: string, what: string): string {
  if (!isUuid(value)) throw badUserInput(`${what} must be an id such as 5e1f0c3a-0000-4000-8000-000000000001.`, field);
  return value.toLowerCase();
}

export function optionalId(value: string | null | undefined, field: string, what: string): string | null {
  return value == null ? null : requireId(value, field, what);
}

export function parseInstant(value: string, field: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
    throw badUserInput(`${field} must be an ISO 8601 date-time, e.g. 2026-11-24T09:00:00Z.`, field);
  }
  return date;
}

/** A calendar date `YYYY-MM-DD`, as midnight UTC (how Postgres `date` columns arrive). */
export function parseCalendarDate(value: string, field: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  // Date.UTC rolls 2026-02-30 over into March; a real calendar date round-trips unchanged.
  if (!date || date.toISOString().slice(0, 10) !== value) throw badUserInput(`${field} must be a calendar date written YYYY-MM-DD.`, field);
  return date;
}

export function requireWhole(value: number, field: string, label: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw badUserInput(`${label} must be a whole number from ${min} to ${max}.`, field);
  return value;
}
