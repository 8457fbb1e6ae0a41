/**
 * The one rule for the free text that opens access beyond a user's normal rights — an emergency (break-glass)
 * reason and a seal-override justification. Both are read by a privacy officer later, so both must say
 * something (a minimum length), stay reviewable (a maximum), and be plain text on one line: control and
 * invisible format characters (bidirectional overrides, zero-width joiners) could make the recorded words read
 * differently from what was typed.
 */
export const JUSTIFICATION_MIN_LENGTH = 10;
export const JUSTIFICATION_MAX_LENGTH = 500;

// Letters, marks, digits, punctuation, symbols and ordinary spaces; nothing else.
const plainText = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]*$/u;

export type JustificationCheck = { ok: true; text: string } | { ok: false; problem: string };

/** The justification as it is recorded (trimmed), or what is wrong with it, in words for the user. */
export function checkJustification(value: string): JustificationCheck {
  const text = value.trim();
  // Counted in characters as people see them (code points), not UTF-16 units.
  const length = [...text].length;
  if (length < JUSTIFICATION_MIN_LENGTH) return { ok: false, problem: `must be at least ${JUSTIFICATION_MIN_LENGTH} characters` };
  if (length > JUSTIFICATION_MAX_LENGTH) return { ok: false, problem: `must be at most ${JUSTIFICATION_MAX_LENGTH} characters` };
  if (!plainText.test(text)) return { ok: false, problem: 'must be plain text on one line, without control or invisible characters' };
  return { ok: true, text };
}
