import { badUserInput } from '@epr/platform';

/** Where a most-recent-first list of events resumes: strictly before this event. */
export interface EventPosition {
  occurredAt: Date;
  seq: bigint;
}

/*
 * Cursors are opaque to clients (base64url of a small JSON array) so the order behind them can change without
 * breaking anyone; decoding checks the shape, because a cursor is user input.
 */

export function eventCursor(event: EventPosition): string {
  return encode([event.occurredAt.toISOString(), event.seq.toString()]);
}

export function parseEventCursor(cursor: string, field: string): EventPosition {
  const parts = decode(cursor, field);
  const [at, seq] = parts;
  const occurredAt = new Date(at ?? '');
  if (parts.length !== 2 || Number.isNaN(occurredAt.getTime()) || !/^\d{1,19}$/.test(seq ?? '')) throw invalid(field);
  return { occurredAt, seq: BigInt(seq!) };
}

export function alertCursor(id: bigint): string {
  return encode([id.toString()]);
}

export function parseAlertCursor(cursor: string, field: string): bigint {
  const parts = decode(cursor, field);
  if (parts.length !== 1 || !/^\d{1,19}$/.test(parts[0] ?? '')) throw invalid(field);
  return BigInt(parts[0]!);
}

function encode(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decode(cursor: string, field: string): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid(field);
  }
  if (!Array.isArray(parts) || !parts.every((part) => typeof part === 'string')) throw invalid(field);
  return parts;
}

function invalid(field: string) {
  return badUserInput('This cursor is not one this list gave out. Pass the `endCursor` of the previous page.', field);
}
