import { describe, expect, test } from '@jest/globals';
import { toPage } from './page.js';
import { alertCursor, parseAlertCursor, parseEventCursor, eventCursor } from './cursor.js';

describe('pages and cursors', () => {
  test('one row more than the page says there is a next page', () => {
    expect(toPage([1, 2, 3], 2, String)).toEqual({
      edges: [
        { cursor: '1', node: 1 },
        { cursor: '2', node: 2 },
      ],
      pageInfo: { hasNextPage: true, endCursor: '2' },
    });
    expect(toPage([], 2, String)).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  test('cursors round-trip and are opaque', () => {
    const position = { occurredAt: new Date('2026-11-24T09:30:00.123Z'), seq: 9007199254740993n };
    expect(parseEventCursor(eventCursor(position), 'after')).toEqual(position);
    expect(parseAlertCursor(alertCursor(17n), 'after')).toBe(17n);
    expect(() => parseAlertCursor(eventCursor(position), 'after')).toThrow(/endCursor/);
  });
});
