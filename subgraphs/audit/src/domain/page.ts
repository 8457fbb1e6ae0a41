import type { AccessEventRecord } from '../data/access-event-store.js';

/** One page of a most-recent-first list, in the shape of a GraphQL cursor connection. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export type AccessEventPage = Page<AccessEventRecord>;

/** Turns `limit + 1` fetched rows into a page: the extra row only tells that more follow. */
export function toPage<T>(rows: readonly T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const edges = rows.slice(0, limit).map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
