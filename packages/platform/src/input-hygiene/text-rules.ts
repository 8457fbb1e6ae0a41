/** What kind of free text an input holds: one line (names, codes, ids, reasons) or running text (notes, letters). */
export interface TextRule {
  maxLength: number;
  multiline: boolean;
}

/** Inputs without a `@constraint` are single-line text of at most this many characters: every name and code fits. */
export const defaultTextRule: TextRule = { maxLength: 200, multiline: false };

/** Input lists without a `@constraint(maxItems:)` hold at most this many items. */
export const defaultMaxItems = 100;

// A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: it
// would read surrogate pairs as one character and never see half of one).
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// C0 and C1 control characters (NUL included), and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- finding control characters is what these are for
const controlCharacter = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// Multi-line text keeps line feeds and tabs; nothing else of the above.
// eslint-disable-next-line no-control-regex -- as above
const controlCharacterButLineFeedOrTab = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/u;
// Bidirectional embeddings, overrides and isolates: they make text display in another order than it is
// stored ("Trojan Source"), so a name could read as someone else's. Marks (LRM, RLM, ALM) stay allowed.
const bidiControl = /[\u202a-\u202e\u2066-\u2069]/u;

/** What is wrong with `text` under `rule`, in words for the person who typed it; undefined when nothing is. */
export function textProblem(text: string, rule: TextRule): string | undefined {
  if (loneSurrogate.test(text)) return 'contains a broken character (an unpaired UTF-16 surrogate)';
  if ((rule.multiline ? controlCharacterButLineFeedOrTab : controlCharacter).test(text))
    return rule.multiline
      ? 'contains a control character (only line feeds and tabs are allowed)'
      : 'contains a control character or a line break (it must be one line of text)';
  if (bidiControl.test(text)) return 'contains a text-direction override character';
  // Counted as kept: the services trim what they store, so spaces a client left around the text do not count.
  const length = [...text.trim()].length;
  if (length > rule.maxLength) return `is ${length} characters long; at most ${rule.maxLength} are allowed`;
  return undefined;
}
