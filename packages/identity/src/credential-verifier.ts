import { importJWK, jwtVerify, type JWK, type JWTVerifyOptions } from 'jose';
import type { Caller } from './caller.js';
import { callerFromCredentialClaims, REQUIRED_CREDENTIAL_CLAIMS } from './credential-claims.js';
import { CredentialError } from './credential-error.js';
import {
  CREDENTIAL_ALGORITHM,
  CREDENTIAL_AUDIENCE,
  CREDENTIAL_CLOCK_TOLERANCE_SECONDS,
  CREDENTIAL_ISSUER,
  CREDENTIAL_TYPE,
} from './credential-profile.js';
import { assertEd25519Jwk } from './ed25519-jwk.js';
import { ExpiringCache } from './expiring-cache.js';
import { classifyJoseError } from './token-failure.js';

// One federated request presents the same credential to a subgraph several times (entity fetches),
// so a modest cache spares most repeat signature checks while bounding memory.
const DEFAULT_CACHE_SIZE = 1000;

export interface CredentialVerifierOptions {
  /** The gateway's Ed25519 public JWK. */
  readonly publicKey: JWK;
  readonly issuer?: string;
  readonly audience?: string;
  /** How many verified credentials to remember until they expire; 0 turns the cache off. */
  readonly cacheSize?: number;
}

export interface CredentialVerifier {
  /** Resolves to the Caller the gateway vouched for, or rejects with a CredentialError. */
  verify(token: string): Promise<Caller>;
}

/** Imports the key once, up front, so a bad key stops the subgraph at start-up. */
export async function createCredentialVerifier(options: CredentialVerifierOptions): Promise<CredentialVerifier> {
  assertEd25519Jwk(options.publicKey, 'public', 'The credential verification key');
  const key = await importJWK(options.publicKey, CREDENTIAL_ALGORITHM);
  const verifyOptions: JWTVerifyOptions = {
    issuer: options.issuer ?? CREDENTIAL_ISSUER,
    audience: options.audience ?? CREDENTIAL_AUDIENCE,
    algorithms: [CREDENTIAL_ALGORITHM],
    typ: CREDENTIAL_TYPE,
    requiredClaims: [...REQUIRED_CREDENTIAL_CLAIMS],
    clockTolerance: CREDENTIAL_CLOCK_TOLERANCE_SECONDS,
  };
  // Keyed by the whole token string, so only a byte-identical, already-verified token can hit.
  const verified = new ExpiringCache<Caller>(options.cacheSize ?? DEFAULT_CACHE_SIZE);

  return {
    async verify(token) {
      if (!token) throw new CredentialError('missing');
      const cached = verified.get(token);
      if (cached !== undefined) return cached;
      try {
        const { payload } = await jwtVerify(token, key, verifyOptions);
        // Frozen because one cached Caller is shared by every request that presents this token.
        const caller = Object.freeze(callerFromCredentialClaims(payload));
        // jose has checked that exp is present and numeric. The entry lapses at exp itself, without
        // the clock tolerance, so the cache never accepts what a fresh check might refuse.
        verified.set(token, caller, (payload.exp ?? 0) * 1000);
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
