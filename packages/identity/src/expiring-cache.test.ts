import { describe, expect, it } from '@jest/globals';
import { ExpiringCache } from './expiring-cache.js';

function cacheAt(capacity: number) {
  const clock = { now: 1_000 };
  return { clock, cache: new ExpiringCache<string>(capacity, () => clock.now) };
}

describe('ExpiringCache', () => {
  it('returns an entry until its expiry, and not from then on', () => {
    const { clock, cache } = cacheAt(10);
    cache.set('token', 'caller', 2_000);

    clock.now = 1_999;
    expect(cache.get('token')).toBe('caller');

    clock.now = 2_000;
    expect(cache.get('token')).toBeUndefined();
  });

  it('ignores an entry that has already expired', () => {
    const { cache } = cacheAt(10);
    cache.set('token', 'caller', 1_000);

    expect(cache.get('token')).toBeUndefined();
  });

  it('evicts the oldest entry when full', () => {
    const { cache } = cacheAt(2);
    cache.set('first', 'a', 5_000);
    cache.set('second', 'b', 5_000);
    cache.set('third', 'c', 5_000);

    expect([cache.get('first'), cache.get('second'), cache.get('third')]).toEqual([undefined, 'b', 'c']);
  });

  it('holds nothing when its capacity is zero', () => {
    const { cache } = cacheAt(0);
    cache.set('token', 'caller', 5_000);

    expect(cache.get('token')).toBeUndefined();
  });
});
