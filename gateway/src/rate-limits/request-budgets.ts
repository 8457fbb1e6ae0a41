import { createHash } from 'node:crypto';
import { TokenBucket } from 'limiter';
import { LRUCache } from 'lru-cache';
import type { Caller } from '@epr/identity';
import type { Allowance, RateLimits } from './rate-limits.js';

/** Why a request was not let through now, and when it would be. */
export interface Refusal {
  retryAfterSeconds: number;
}

// Every request is charged at least this much, whatever its fields: signing in, planning and calling subgraphs
// are work too, so a flood of tiny operations is limited as well (a portal session: 60 a second).
export const minimumCharge = 5;

// The buckets of the most recently active sessions, users and addresses; one forgotten is full again when next
// seen, which only ever favours a client that has been quiet the longest.
const remembered = 100_000;

/**
 * The rate limits in force (token buckets from `limiter`): per session, with the user's bucket as its parent
 * so a request needs room in both, and per client address for failed sign-ins. In memory, per gateway
 * process: with several workers or replicas a client spread over them gets up to that many times its share.
 */
export class RequestBudgets {
  private readonly users = new LRUCache<string, TokenBucket>({ max: remembered });
  private readonly sessions = new LRUCache<string, TokenBucket>({ max: remembered });
  private readonly addresses = new LRUCache<string, TokenBucket>({ max: remembered });
  /** The caller each recently verified session token was verified as, by a hash of the token. */
  private readonly verified = new LRUCache<string, Caller>({ max: remembered });

  constructor(private readonly limits: RateLimits) {}

  /** Before any work on a request: refused while the caller's session or user has not enough left for any request. */
  admit(caller: Caller): Refusal | undefined {
    return refusalFor(this.sessionBucket(caller), minimumCharge);
  }

  /** Remembers whom a session token was verified as, so its next requests can be refused before verifying it again. */
  signedIn(authorization: string, caller: Caller): void {
    this.verified.set(tokenKey(authorization), caller);
  }

  /**
   * Before a token is verified: refused when it is a token already verified whose session or user has nothing
   * left. Only ever a refusal: a token is never let in unverified, so a stale entry can at worst refuse a request
   * that would have failed anyway (a token revoked or expired since is refused by its own session's debt).
   */
  refuseBeforeSignIn(authorization: string | undefined): Refusal | undefined {
    const caller = authorization === undefined ? undefined : this.verified.get(tokenKey(authorization));
    return caller ? this.admit(caller) : undefined;
  }

  /**
   * Charges an operation its estimated cost; one costlier than a whole bucket waits for a full one and empties
   * it. A refused operation is still owed (down to one bucket's worth of debt): a client that keeps asking
   * instead of waiting is then refused at the door, before its next request is even parsed.
   */
  charge(caller: Caller, cost: number): Refusal | undefined {
    const bucket = this.sessionBucket(caller);
    const units = Math.min(Math.max(cost, minimumCharge), bucket.bucketSize, bucket.parentBucket?.bucketSize ?? Infinity);
    if (bucket.tryRemoveTokens(units)) return undefined;
    for (const owing of [bucket, bucket.parentBucket]) if (owing) owing.content = Math.max(owing.content - units, -owing.bucketSize);
    return refusalFor(bucket, units);
  }

  /** Before a token is checked: refused while this address has used up its failed sign-ins. */
  signInBlocked(address: string): Refusal | undefined {
    return refusalFor(this.addressBucket(address), 1);
  }

  signInFailed(address: string): void {
    this.addressBucket(address).tryRemoveTokens(1);
  }

  private sessionBucket(caller: Caller): TokenBucket {
    const allowance = this.limits.roles[caller.jobRoleCode] ?? this.limits.roles.default;
    const user = bucketIn(this.users, caller.userId, {
      burst: allowance.burst * this.limits.sessionsPerUser,
      perSecond: allowance.perSecond * this.limits.sessionsPerUser,
    });
    // Without a session id in the token, all of the user's sessions in this role share one bucket.
    const session = bucketIn(this.sessions, caller.sessionId ?? `${caller.userId}\u0000${caller.roleProfileId}`, allowance);
    session.parentBucket = user;
    return session;
  }

  private addressBucket(address: string): TokenBucket {
    return bucketIn(this.addresses, address, this.limits.signInFailures);
  }
}

/** The bucket under `key`, full when new, sized to `allowance` (a user's follows the role of their latest session). */
function bucketIn(buckets: LRUCache<string, TokenBucket>, key: string, allowance: Allowance): TokenBucket {
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = new TokenBucket({ bucketSize: allowance.burst, tokensPerInterval: allowance.perSecond, interval: 'second' });
    bucket.content = allowance.burst;
    buckets.set(key, bucket);
  } else if (bucket.bucketSize !== allowance.burst || bucket.tokensPerInterval !== allowance.perSecond) {
    bucket.bucketSize = allowance.burst;
    bucket.tokensPerInterval = allowance.perSecond;
    bucket.content = Math.min(bucket.content, allowance.burst);
  }
  return bucket;
}

function tokenKey(authorization: string): string {
  return createHash('sha256').update(authorization).digest('base64');
}

function refusalFor(bucket: TokenBucket, units: number): Refusal | undefined {
  const waitMs = bucket.getWaitTime(units);
  return waitMs === 0 ? undefined : { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
