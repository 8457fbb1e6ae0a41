import { decodeCursor, encodeCursor, invalidCursor } from '@epr/platform';

/** Where a most-recent-first list of events resumes: strictly before this event. */
export interface EventPosition {
  occurredAt: Date;
  seq: bigint;
}

export function eventCursor(event: EventPosition): string {
  return encodeCursor([event.occurredAt.toISOString(), event.seq]);
}

export function parseEventCursor(cursor: string, field: string): EventPosition {
  const [at = '', seq = ''] = decodeCursor(cursor, 2, field);
  const occurredAt = new Date(at);
  if (Number.isNaN(occurredAt.getTime()) || !/^\d{1,19}$/.test(seq)) throw invalidCursor(field);
  return { occurredAt, seq: BigInt(seq) };
}

export function alertCursor(id: bigint): string {
  return encodeCursor([id]);
}

export function parseAlertCursor(cursor: string, field: string): bigint {
  const [id = ''] = decodeCursor(cursor, 1, field);
  if (!/^\d{1,19}$/.test(id)) throw invalidCursor(field);
  return BigInt(id);
}
