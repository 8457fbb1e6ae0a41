import { decodeProtectedHeader, jwtVerify, type CompactJWSHeaderParameters, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { ed25519KeyObject, quickVerify } from './compact-jws.js';
import { keyResolverFor, KeySetUnavailableError, type JwksSource } from './jwks-source.js';
import { REQUIRED_SESSION_CLAIMS, sessionClaimsFrom, type SessionClaims } from './session-claims.js';
import { SessionTokenError } from './session-token-error.js';
import { classifyJoseError } from './token-failure.js';

// Asymmetric only: with an HMAC algorithm anyone holding the verification key could mint sessions,
// and `none` is never acceptable. jose refuses any `alg` not listed before it looks for a key.
const SESSION_TOKEN_ALGORITHMS = ['ES256', 'EdDSA', 'RS256', 'PS256'];

// Smartcard workstations and the issuer keep imperfect time; half a minute absorbs drift without
// meaningfully extending a session.
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

export interface SessionVerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly jwks: JwksSource;
  /** The longest a session may last from sign-in (`iat`), whatever its `exp` says: the policy's sessionMaxAgeHours. */
  readonly maxSessionAgeSeconds: number;
  readonly clockToleranceSeconds?: number;
}

export interface SessionVerifier {
  /** Resolves to the session's claims, or rejects with a SessionTokenError. */
  verify(token: string): Promise<SessionClaims>;
}

export function createSessionVerifier(options: SessionVerifierOptions): SessionVerifier {
  const resolveKey = keyResolverFor(options.jwks);
  const clockTolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const verifyOptions: JWTVerifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: SESSION_TOKEN_ALGORITHMS,
    requiredClaims: [...REQUIRED_SESSION_CLAIMS],
    clockTolerance,
  };

  /**
   * An EdDSA session in exactly the shape issuers sign them passes node:crypto's synchronous check (compact-jws.ts:
   * half jose's CPU; every request verifies one); anything else — another algorithm, a bad signature, an odd claim —
   * gets jose's verdict, whose refusal and its reason are the ones reported.
   */
  const quickly = async (token: string): Promise<JWTPayload | undefined> => {
    const [protectedPart = '', payload = '', signature = ''] = token.split('.');
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return undefined; // malformed: jose says how
    }
    if (header.alg !== 'EdDSA') return undefined;
    // No matching key or an unreachable key set is the answer as it stands: asking jose would resolve (and, for a
    // JWKS URL, fetch) again.
    const key = ed25519KeyObject(await resolveKey(header as CompactJWSHeaderParameters, { protected: protectedPart, payload, signature }));
    if (!key) return undefined;
    return quickVerify(token, key, {
      algorithm: 'EdDSA',
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: REQUIRED_SESSION_CLAIMS,
      clockToleranceSeconds: clockTolerance,
      now: Math.floor(Date.now() / 1000),
    });
  };

  return {
    async verify(token) {
      if (!token) throw new SessionTokenError('missing');
      try {
        const payload = (await quickly(token)) ?? (await jwtVerify(token, resolveKey, verifyOptions)).payload;
        checkSessionAge(payload, options.maxSessionAgeSeconds, clockTolerance);
        return sessionClaimsFrom(payload);
      } catch (error) {
        throw asSessionTokenError(error);
      }
    },
  };
}

/**
 * A session lasts at most `maxAgeSeconds` from sign-in: one signed in longer ago is refused even if its `exp` is
 * still ahead, as is one whose `exp` would take it past the maximum, or one "issued" in the future (a stolen
 * signing key or a broken clock could otherwise mint sessions that never age). jose has checked `iat` is a number
 * when present.
 */
function checkSessionAge(payload: JWTPayload, maxAgeSeconds: number, clockTolerance: number): void {
  const { iat, exp } = payload;
  if (iat === undefined) throw new SessionTokenError('iat_missing');
  const now = Date.now() / 1000;
  if (iat > now + clockTolerance || now - iat > maxAgeSeconds || (exp ?? 0) - iat > maxAgeSeconds) {
    throw new SessionTokenError('session_too_old', { claim: 'iat' });
  }
}

// Anything unrecognised is a fault rather than a refusal, so it propagates untouched.
function asSessionTokenError(error: unknown): unknown {
  if (error instanceof SessionTokenError) return error;
  if (error instanceof KeySetUnavailableError) return new SessionTokenError('issuer_unavailable', { cause: error });
  const failure = classifyJoseError(error);
  return failure ? new SessionTokenError(failure.reason, { claim: failure.claim, cause: error }) : error;
}
