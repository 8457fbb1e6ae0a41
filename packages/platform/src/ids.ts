import { badUserInput } from './errors.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Record ids are UUIDs; anything else names no record, so a look-up can answer "not found" without a query
 * (and a malformed id never reaches a `uuid` column, where it would fail the statement).
 */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** An id the caller must get right (e.g. the patient to book): a malformed one is their input to fix. Lower-cased. */
export function requireId(value: string, field: string, what: string): string {
  if (!isUuid(value)) throw badUserInput(`${what} must be an id such as 5e1f0c3a-0000-4000-8000-000000000001.`, field);
  return value.toLowerCase();
}

export function optionalId(value: string | null | undefined, field: string, what: string): string | null {
  return value == null ? null : requireId(value, field, what);
}
