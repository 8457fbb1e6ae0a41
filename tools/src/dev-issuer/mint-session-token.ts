import { randomUUID } from 'node:crypto';
import { createSessionTokenSigner, type SignedSessionToken } from '@epr/identity';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_SESSION_TTL_SECONDS } from './defaults.js';
import { ensureDevIssuerKeys } from './issuer-keys.js';
import { defaultKeyDir } from './key-dir.js';

export interface SessionTokenRequest {
  readonly userId: string;
  readonly roleProfileId: string;
  readonly cardSerial?: string;
  readonly ttlSeconds?: number;
  /** Mint a token that has already expired, to exercise the gateway's refusal. */
  readonly expired?: boolean;
  /**
   * Sign in this long ago (`iat`), the token still expiring `ttlSeconds` from now: past the policy's maximum
   * session age (12 h in the baseline), the gateway refuses it as too old, though it has not expired.
   */
  readonly issuedAgoSeconds?: number;
}

export interface MintOptions {
  /** Where the issuer's keys live; `<repo>/.data/keys` unless a test gives its own. */
  readonly keyDir?: string;
}

// Well past the gateway's 30-second clock tolerance, so an expired token is refused, not forgiven.
const EXPIRED_SINCE_SECONDS = 5 * 60;

/** Signs a session token as CIS2 would after a smartcard sign-in and role selection. */
export async function mintSessionToken(request: SessionTokenRequest, options: MintOptions = {}): Promise<SignedSessionToken> {
  const ttlSeconds = request.ttlSeconds ?? DEV_SESSION_TTL_SECONDS;
  if (!request.userId || !request.roleProfileId) {
    throw new RangeError('A session token needs a user id and a role profile id.');
  }
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError('A session lifetime must be a whole number of seconds above zero.');
  }
  if (request.issuedAgoSeconds !== undefined && (!Number.isSafeInteger(request.issuedAgoSeconds) || request.issuedAgoSeconds <= 0)) {
    throw new RangeError('How long ago a session was signed in must be a whole number of seconds above zero.');
  }

  const keyPair = await ensureDevIssuerKeys(options.keyDir ?? defaultKeyDir());
  const signer = await createSessionTokenSigner({ privateKey: keyPair.privateJwk, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
  const nowMs = Date.now();
  const expiresAtMs = request.expired ? nowMs - EXPIRED_SINCE_SECONDS * 1000 : nowMs + ttlSeconds * 1000;
  return signer.sign(
    {
      userId: request.userId,
      roleProfileId: request.roleProfileId,
      ...(request.cardSerial !== undefined && { cardSerial: request.cardSerial }),
      sessionId: randomUUID(),
      expiresAt: new Date(expiresAtMs),
    },
    new Date(request.issuedAgoSeconds !== undefined ? nowMs - request.issuedAgoSeconds * 1000 : expiresAtMs - ttlSeconds * 1000),
  );
}
