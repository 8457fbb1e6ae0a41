import { readFileSync } from 'node:fs';

/** A token bucket: `burst` units at once, refilled at `perSecond`. Units are estimated cost (one per field, lists × size). */
export interface Allowance {
  burst: number;
  perSecond: number;
}

/**
 * How much each session and each user may ask of the API. Operations are charged their estimated cost, so one
 * costly query spends what many small ones would. A session's allowance depends on its job role; a user's on
 * the same, times `sessionsPerUser`, so opening more sessions does not multiply a user's share. Requests
 * whose sign-in fails are counted per client address before the token is even checked.
 */
export interface RateLimits {
  /** By national job role code (`PATIENT`, `R8000`, …); `default` for every role not listed. */
  roles: Record<string, Allowance> & { default: Allowance };
  sessionsPerUser: number;
  /** Failed sign-ins (missing, expired, forged tokens) per client address. */
  signInFailures: Allowance;
}

/**
 * The reference portal's whole page costs about 1,000 (its record summary 521, who viewed it the rest) and a
 * clinician's search page about 180 (docs/benchmarks.md): a portal session gets ten page loads at once and one
 * a second after that; staff twice as much; a user twice their session. Sign-in failures: room for a ward's
 * worth of expired tokens behind one address, not for a flood.
 */
export const defaultRateLimits: RateLimits = {
  roles: {
    default: { burst: 20_000, perSecond: 2_000 },
    PATIENT: { burst: 10_000, perSecond: 1_000 },
  },
  sessionsPerUser: 2,
  signInFailures: { burst: 100, perSecond: 10 },
};

/**
 * `GATEWAY_RATE_LIMITS=off` turns rate limiting off (capacity benchmarks); `GATEWAY_RATE_LIMITS_FILE` names a
 * JSON file of the same shape as the defaults, merged over them (roles one by one). A mistake in it stops the
 * gateway at start-up with a message naming it.
 */
export function readRateLimits(env: NodeJS.ProcessEnv): RateLimits | 'off' {
  if (env.GATEWAY_RATE_LIMITS === 'off') return 'off';
  if (env.GATEWAY_RATE_LIMITS !== undefined && env.GATEWAY_RATE_LIMITS !== 'on')
    throw new Error(`GATEWAY_RATE_LIMITS must be "on" or "off"; it is "${env.GATEWAY_RATE_LIMITS}".`);
  const file = env.GATEWAY_RATE_LIMITS_FILE;
  if (!file) return defaultRateLimits;
  const given: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return mergeRateLimits(given, file);
}

export function mergeRateLimits(given: unknown, source: string): RateLimits {
  const where = (path: string) => `${source}: ${path}`;
  if (!isRecord(given)) throw new Error(`${source} must hold a JSON object.`);
  const roles = { ...defaultRateLimits.roles };
  if (given.roles !== undefined) {
    if (!isRecord(given.roles)) throw new Error(where('roles must map job role codes to { burst, perSecond }.'));
    for (const [role, allowance] of Object.entries(given.roles)) roles[role] = checkAllowance(allowance, where(`roles.${role}`));
  }
  const sessionsPerUser = given.sessionsPerUser ?? defaultRateLimits.sessionsPerUser;
  if (typeof sessionsPerUser !== 'number' || !Number.isInteger(sessionsPerUser) || sessionsPerUser < 1)
    throw new Error(where('sessionsPerUser must be a whole number of at least 1.'));
  const signInFailures =
    given.signInFailures === undefined ? defaultRateLimits.signInFailures : checkAllowance(given.signInFailures, where('signInFailures'));
  const unknown = Object.keys(given).filter((key) => !['roles', 'sessionsPerUser', 'signInFailures'].includes(key));
  if (unknown.length > 0) throw new Error(where(`unknown setting ${unknown.join(', ')}.`));
  return { roles, sessionsPerUser, signInFailures };
}

function checkAllowance(value: unknown, where: string): Allowance {
  const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;
  if (!isRecord(value) || !ok(value.burst) || !ok(value.perSecond) || Object.keys(value).length !== 2)
    throw new Error(`${where} must be { "burst": <number above 0>, "perSecond": <number above 0> }.`);
  return { burst: value.burst as number, perSecond: value.perSecond as number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
