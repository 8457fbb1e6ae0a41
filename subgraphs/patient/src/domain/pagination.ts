import { badUserInput } from '@epr/platform';
import { isUuid } from './identifiers.js';

/** A position in a list ordered by score (best first), then id: the last item seen. */
export interface ScoreCursor {
  score: number;
  id: string;
}

export function encodeCursor(cursor: ScoreCursor): string {
  return Buffer.from(`${cursor.score}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string, field: string): ScoreCursor {
  const [score, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const parsed = Number(score);
  if (rest.length > 0 || !id || !isUuid(id) || score === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw badUserInput('This cursor is not one this list gave out; pass a `cursor` or `endCursor` from an earlier page.', field);
  }
  return { score: parsed, id };
}

const maxPageSize = 100;

export function parsePageSize(first: number | null | undefined, field: string): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize)
    throw badUserInput(`Ask for 1 to ${maxPageSize} results at a time.`, field);
  return size;
}

/** One page of a list, read with one row more than asked for so that whether more follow is known. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

export function pageOf<T>(rows: T[], size: number): Page<T> {
  return { items: rows.slice(0, size), hasNextPage: rows.length > size };
}
