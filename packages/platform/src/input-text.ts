import { badUserInput } from './errors.js';

/** Free text that must be given: trimmed, not empty, at most `maxLength` characters; `label` names it in the message. */
export function requireText(value: string, field: string, label: string, maxLength: number): string {
  const text = value.trim();
  if (text === '') throw badUserInput(`${label} must not be empty.`, field);
  if (text.length > maxLength) throw badUserInput(`${label} is longer than ${maxLength} characters.`, field);
  return text;
}

/** Free text that may be left out: null when absent or blank. */
export function optionalText(value: string | null | undefined, field: string, label: string, maxLength: number): string | null {
  return value == null || value.trim() === '' ? null : requireText(value, field, label, maxLength);
}
