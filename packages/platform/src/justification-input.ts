import { checkJustification } from '@epr/policy';
import { badUserInput } from './errors.js';

/**
 * An emergency reason or seal-override justification from the API, checked by the one shared rule: the trimmed
 * text, or BAD_USER_INPUT naming `field` and saying what to fix.
 */
export function requireJustification(value: string, field: string, label: string): string {
  const checked = checkJustification(value);
  if (!checked.ok) throw badUserInput(`${label} (${field}) ${checked.problem}.`, field);
  return checked.text;
}
