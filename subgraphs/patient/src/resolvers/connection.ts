import { connectionOf, type Page } from '@epr/platform';
import { encodeCursor, type ScoreCursor } from '../domain/pagination.js';

/** A Relay-style connection from one page: each edge's cursor is its (score, id) position. */
export function connection<T, E extends object>(page: Page<T>, positionOf: (item: T) => ScoreCursor, edge: (item: T) => E) {
  return connectionOf(page, (item) => encodeCursor(positionOf(item)), edge);
}
