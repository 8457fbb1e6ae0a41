import type { Hl7Context } from '@medplum/core';
import { instantOfEnglishWallClock } from '@epr/platform';

/** The HL7 escape sequences of text fields (names, addresses), replaced by what they stand for. */
export function unescapeText(text: string, context: Hl7Context): string {
  const escape = context.escapeCharacter;
  if (!text.includes(escape)) return text;
  const sequences: Record<string, string> = {
    F: context.fieldSeparator,
    S: context.componentSeparator,
    T: context.subcomponentSeparator,
    R: context.repetitionSeparator,
    E: escape,
  };
  const pattern = new RegExp(`${escapeRegExp(escape)}([FSTRE])${escapeRegExp(escape)}`, 'g');
  return text.replace(pattern, (_match, code: string) => sequences[code]!);
}

/** Text made safe to put in a field of an HL7 message we send (an ACK's MSA-3 and ERR-8). */
export function escapeText(text: string, context: Hl7Context): string {
  const escape = context.escapeCharacter;
  const sequences: [string, string][] = [
    [escape, 'E'],
    [context.fieldSeparator, 'F'],
    [context.componentSeparator, 'S'],
    [context.subcomponentSeparator, 'T'],
    [context.repetitionSeparator, 'R'],
  ];
  let out = '';
  for (const char of text.replace(/[\r\n]+/g, ' ')) {
    const sequence = sequences.find(([special]) => special === char);
    out += sequence ? `${escape}${sequence[1]}${escape}` : char;
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** HL7 DT/TS `YYYYMMDD...` as `YYYY-MM-DD`, or null when empty; throws on anything else. */
export function hl7Date(value: string): string | null {
  if (value === '') return null;
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(value);
  if (!match) throw new Error(`"${value}" is not an HL7 date (YYYYMMDD)`);
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * HL7 TS `YYYYMMDDHHMM[SS[.S+]][+/-ZZZZ]` as an ISO instant, or null when empty. Without an offset the time is
 * UK local time, as an English PAS sends it (GMT or BST, whichever was in force then).
 */
export function hl7Instant(value: string): string | null {
  if (value === '') return null;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?([+-]\d{4})?$/.exec(value);
  if (!match) throw new Error(`"${value}" is not an HL7 timestamp (YYYYMMDDHHMM[SS][+ZZZZ])`);
  const [, y, mo, d, h, mi, s = '00', offset] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (!offset) return instantOfEnglishWallClock(wall).toISOString();
  const offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  return new Date(wall - offsetMinutes * 60_000).toISOString();
}
