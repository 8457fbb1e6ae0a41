import { createPublicKey } from 'node:crypto';
import { importJWK, jwtVerify, type JWK, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { Caller } from './caller.js';
import { bodyDigest, type CredentialBinding } from './credential-binding.js';
import { callerFromCredentialClaims, REQUIRED_CREDENTIAL_CLAIMS } from './credential-claims.js';
import { CredentialError } from './credential-error.js';
import { CREDENTIAL_ALGORITHM, CREDENTIAL_CLOCK_TOLERANCE_SECONDS, CREDENTIAL_ISSUER, CREDENTIAL_TYPE } from './credential-profile.js';
import { assertEd25519Jwk } from './ed25519-jwk.js';
import { ExpiringCache } from './expiring-cache.js';
import { classifyJoseError } from './token-failure.js';
import { quickVerify } from './compact-jws.js';

// Credentials this verifier has accepted and that could still verify: enough for about 3,000 calls a second
// to this process within a credential's 30-second life (plus tolerance) before the oldest would be forgotten.
const DEFAULT_REPLAY_MEMORY = 100_000;

export interface CredentialVerifierOptions {
  /** The gateway's (or a service's) Ed25519 public JWK. */
  readonly publicKey: JWK;
  readonly issuer?: string;
  /** How many accepted credentials to remember, to refuse them a second time. */
  readonly replayMemory?: number;
}

export interface CredentialVerifier {
  /**
   * Resolves to the Caller vouched for, or rejects with a CredentialError. The credential must be addressed to
   * `binding.audience` (the service verifying it), signed for exactly `binding.body`, and not seen before.
   */
  verify(token: string, binding: CredentialBinding): Promise<Caller>;
}

/** Imports the key once, up front, so a bad key stops the subgraph at start-up. */
export async function createCredentialVerifier(options: CredentialVerifierOptions): Promise<CredentialVerifier> {
  assertEd25519Jwk(options.publicKey, 'public', 'The credential verification key');
  const key = await importJWK(options.publicKey, CREDENTIAL_ALGORITHM);
  const { kty, crv, x } = options.publicKey;
  // assertEd25519Jwk has checked that the key type, curve and public part are there.
  const keyObject = createPublicKey({ key: { kty: kty!, crv: crv!, x: x! }, format: 'jwk' });
  const issuer = options.issuer ?? CREDENTIAL_ISSUER;
  const verifyOptions: JWTVerifyOptions = {
    issuer,
    algorithms: [CREDENTIAL_ALGORITHM],
    typ: CREDENTIAL_TYPE,
    requiredClaims: [...REQUIRED_CREDENTIAL_CLAIMS],
    clockTolerance: CREDENTIAL_CLOCK_TOLERANCE_SECONDS,
  };
  // Keyed by jti; an entry lapses once its credential could no longer verify anyway (exp plus the tolerance).
  const accepted = new ExpiringCache<true>(options.replayMemory ?? DEFAULT_REPLAY_MEMORY);

  return {
    async verify(token, binding) {
      if (!token) throw new CredentialError('missing');
      try {
        // The credentials the gateway signs pass the quick synchronous check; anything else gets jose's verdict.
        const payload: JWTPayload =
          quickVerify(token, keyObject, {
            algorithm: CREDENTIAL_ALGORITHM,
            type: CREDENTIAL_TYPE,
            issuer,
            audience: binding.audience,
            requiredClaims: REQUIRED_CREDENTIAL_CLAIMS,
            clockToleranceSeconds: CREDENTIAL_CLOCK_TOLERANCE_SECONDS,
            now: Math.floor(Date.now() / 1000),
          }) ?? (await jwtVerify(token, key, { ...verifyOptions, audience: binding.audience })).payload;
        if (payload['body_sha256'] !== bodyDigest(binding.body)) throw new CredentialError('body_mismatch');
        const { jti, exp } = payload;
        if (typeof jti !== 'string' || jti === '') throw new CredentialError('malformed', { claim: 'jti' });
        const caller = callerFromCredentialClaims(payload);
        // Recorded only once everything else holds, so an invalid presentation cannot use up a valid credential.
        if (accepted.get(jti)) throw new CredentialError('replayed');
        accepted.set(jti, true, ((exp ?? 0) + CREDENTIAL_CLOCK_TOLERANCE_SECONDS) * 1000);
        return caller;
      } catch (error) {
        throw asCredentialError(error);
      }
    },
  };
}

// Anything unrecognised is a fault rather than a refusal, so it propagates untouched.
function asCredentialError(error: unknown): unknown {
  if (error instanceof CredentialError) return error;
  const failure = classifyJoseError(error);
  return failure ? new CredentialError(failure.reason, { claim: failure.claim, cause: error }) : error;
}
