import { encodeCursor, type Page, type ScoreCursor } from '../domain/pagination.js';

/** A Relay-style connection from one page: each edge's cursor is its (score, id) position. */
export function connection<T, E extends object>(page: Page<T>, positionOf: (item: T) => ScoreCursor, edge: (item: T) => E) {
  const edges = page.items.map((item) => ({ cursor: encodeCursor(positionOf(item)), ...edge(item) }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
