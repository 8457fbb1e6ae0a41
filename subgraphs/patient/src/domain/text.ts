import { badUserInput } from '@epr/platform';

/** Free text that must be given: trimmed, not empty, at most `max` characters. */
export function requireText(value: string, field: string, label: string, max: number): string {
  const text = value.trim();
  if (text === '') throw badUserInput(`${label} must not be empty.`, field);
  if (text.length > max) throw badUserInput(`${label} is longer than ${max} characters.`, field);
  return text;
}

/** Free text that may be left out (null when absent or blank). */
export function optionalText(value: string | null | undefined, field: string, label: string, max: number): string | null {
  return value == null || value.trim() === '' ? null : requireText(value, field, label, max);
}
