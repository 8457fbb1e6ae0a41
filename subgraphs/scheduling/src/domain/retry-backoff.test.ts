import { retryDelayMs } from './retry-backoff.js';

const backoff = { baseMs: 1_000, maxMs: 60_000 };

describe('retry back-off', () => {
  test('doubles from the base delay, up to the maximum', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 6, 7, 50].map((attempts) => retryDelayMs(attempts, backoff, middle))).toEqual([
      1_000, 2_000, 4_000, 8_000, 32_000, 60_000, 60_000,
    ]);
  });

  test('jitters by at most 20 % and never passes the maximum', () => {
    expect(retryDelayMs(3, backoff, () => 0)).toBe(3_200);
    expect(retryDelayMs(3, backoff, () => 0.999999)).toBe(4_800);
    expect(retryDelayMs(40, backoff, () => 0.999999)).toBe(60_000);
  });
});
