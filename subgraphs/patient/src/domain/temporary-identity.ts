import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L or U: read aloud over a phone or copied from a wristband, the identity must not be misread.
const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const length = 8;

/**
 * The temporary identity of a patient registered without an NHS number (unconscious in ED, not yet traced):
 * `TMP-` and 8 characters, about 6.5 × 10^11 possibilities, so two are practically never the same (the
 * database's unique constraint has the last word).
 */
export function newTemporaryIdentity(pick: (size: number) => number = randomInt): string {
  let identity = 'TMP-';
  for (let i = 0; i < length; i += 1) identity += alphabet[pick(alphabet.length)];
  return identity;
}
