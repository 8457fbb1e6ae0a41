import { badUserInput } from './errors.js';

/**
 * Lists page the same way in every subgraph: `first` (1 to the list's maximum) after an opaque keyset cursor
 * — the sort key of the last row a client saw, so the next page starts right after it and rows added
 * meanwhile are neither skipped nor repeated — read with one row more than asked for, so whether more follow
 * is known without a count.
 */

/** A page size within 1..max (`fallback` when the argument was left out), or BAD_USER_INPUT on `field`. */
export function pageSize(first: number | null | undefined, max: number, field = 'first', fallback?: number): number {
  const size = first ?? fallback;
  if (size === undefined || !Number.isInteger(size) || size < 1 || size > max) {
    throw badUserInput(`\`${field}\` must be a whole number from 1 to ${max}.`, field);
  }
  return size;
}

/** The cursor of a row: base64url of its sort key's parts, opaque to clients so the order behind it can change. */
export function encodeCursor(parts: readonly (string | number | bigint)[]): string {
  return Buffer.from(JSON.stringify(parts.map(String))).toString('base64url');
}

/** The `arity` parts of a cursor this API gave out, or BAD_USER_INPUT on `field` (a cursor is user input). */
export function decodeCursor(cursor: string, arity: number, field: string): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  if (!Array.isArray(parts) || parts.length !== arity || !parts.every((part) => typeof part === 'string' && part !== '')) {
    throw invalidCursor(field);
  }
  return parts as string[];
}

/** For a cursor whose parts decoded but do not make a position of this list (e.g. a score out of range). */
export function invalidCursor(field: string) {
  return badUserInput('This cursor is not one this list gave out: pass the `endCursor` of the previous page.', field);
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

/** Turns `size + 1` fetched rows into a page: the extra row only tells that more follow. */
export function pageOf<T>(rows: readonly T[], size: number): Page<T> {
  return { items: rows.slice(0, size), hasNextPage: rows.length > size };
}

/** A page in the shape of a Relay cursor connection: each edge its cursor plus what `edge` makes of its item. */
export interface Connection<E extends object> {
  edges: (E & { cursor: string })[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function connectionOf<T, E extends object>(page: Page<T>, cursorOf: (item: T) => string, edge: (item: T) => E): Connection<E> {
  const edges = page.items.map((item) => ({ ...edge(item), cursor: cursorOf(item) }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
