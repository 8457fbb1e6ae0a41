import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRateLimits, mergeRateLimits, readRateLimits } from './rate-limits.js';

describe('rate limits from configuration', () => {
  test('the defaults apply when nothing is set; "off" turns them off', () => {
    expect(readRateLimits({})).toEqual(defaultRateLimits);
    expect(readRateLimits({ GATEWAY_RATE_LIMITS: 'off' })).toBe('off');
    expect(() => readRateLimits({ GATEWAY_RATE_LIMITS: 'no' })).toThrow(/"on" or "off"/);
  });

  test('a file sets roles one by one over the defaults', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'epr-limits-')), 'limits.json');
    await writeFile(file, JSON.stringify({ roles: { R1980: { burst: 50_000, perSecond: 500 } }, sessionsPerUser: 3 }));
    const limits = readRateLimits({ GATEWAY_RATE_LIMITS_FILE: file });
    expect(limits).toEqual({
      ...defaultRateLimits,
      roles: { ...defaultRateLimits.roles, R1980: { burst: 50_000, perSecond: 500 } },
      sessionsPerUser: 3,
    });
  });

  test.each([
    [{ roles: { PATIENT: { burst: 0, perSecond: 1 } } }, /roles.PATIENT must be/],
    [{ roles: { PATIENT: { burst: 10 } } }, /roles.PATIENT must be/],
    [{ roles: { PATIENT: { burst: 10, perSecond: 1, extra: 1 } } }, /roles.PATIENT must be/],
    [{ roles: [] }, /roles must map/],
    [{ sessionsPerUser: 0 }, /sessionsPerUser/],
    [{ signInFailures: { burst: '5', perSecond: 1 } }, /signInFailures must be/],
    [{ role: {} }, /unknown setting role/],
    [[], /JSON object/],
  ])('a mistake stops the gateway with a message naming it: %j', (given, message) => {
    expect(() => mergeRateLimits(given, 'limits.json')).toThrow(message);
  });
});
