import { describe, expect, it } from '@jest/globals';
import { parseDurationSeconds } from './duration.js';

describe('parseDurationSeconds', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['45m', 2700],
    ['8h', 28_800],
    ['1d', 86_400],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });

  it.each(['', '0', '0h', '-5m', '1.5h', '8 hours', 'h', '99999999999999999999d'])('refuses %p', (text) => {
    expect(() => parseDurationSeconds(text)).toThrow(RangeError);
  });
});
