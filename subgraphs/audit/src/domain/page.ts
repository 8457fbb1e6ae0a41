import { connectionOf, pageOf, type Connection } from '@epr/platform';
import type { AccessEventRecord } from '../data/access-event-store.js';

/** One page of a most-recent-first list, in the shape of a GraphQL cursor connection. */
export type Page<T> = Connection<{ node: T }>;

export type AccessEventPage = Page<AccessEventRecord>;

/** Turns `limit + 1` fetched rows into a page: the extra row only tells that more follow. */
export function toPage<T>(rows: readonly T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  return connectionOf(pageOf(rows, limit), cursorOf, (node) => ({ node }));
}
