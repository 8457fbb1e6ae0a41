import { badUserInput } from '@epr/platform';

/**
 * Opaque keyset cursors: the sort key of the last row a client saw, so the next page starts right after it
 * and rows added meanwhile are neither skipped nor repeated.
 */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(parts.join('|'), 'utf8').toString('base64url');
}

/** The cursor's parts, or BAD_USER_INPUT on `field` when it is not a cursor this API gave out. */
export function decodeCursor(cursor: string, arity: number, field: string): string[] {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== arity || parts.some((part) => part === '')) {
    throw badUserInput('This cursor was not given out by this list: pass the `endCursor` of the previous page.', field);
  }
  return parts;
}

/** A page size within 1..max, or BAD_USER_INPUT on `field`. */
export function pageSize(first: number, max: number, field = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > max) throw badUserInput(`\`${field}\` must be between 1 and ${max}.`, field);
  return first;
}
