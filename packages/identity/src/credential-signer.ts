import { importJWK, SignJWT, type JWK } from 'jose';
import type { Caller } from './caller.js';
import { credentialClaimsFor } from './credential-claims.js';
import {
  CREDENTIAL_ALGORITHM,
  CREDENTIAL_AUDIENCE,
  CREDENTIAL_ISSUER,
  CREDENTIAL_TTL_SECONDS,
  CREDENTIAL_TYPE,
} from './credential-profile.js';
import { assertEd25519Jwk } from './ed25519-jwk.js';

export interface CredentialSignerOptions {
  /** The gateway's Ed25519 private JWK. */
  readonly privateKey: JWK;
  readonly issuer?: string;
  readonly audience?: string;
  readonly ttlSeconds?: number;
}

export interface CredentialSigner {
  /** A short-lived JWT vouching for `caller`, for the gateway to forward to subgraphs. */
  sign(caller: Caller): Promise<string>;
}

/**
 * Imports the key up front, so a wrong or damaged key stops the gateway at start-up rather than
 * failing its first request.
 */
export async function createCredentialSigner(options: CredentialSignerOptions): Promise<CredentialSigner> {
  const { privateKey, issuer = CREDENTIAL_ISSUER, audience = CREDENTIAL_AUDIENCE } = options;
  const ttlSeconds = options.ttlSeconds ?? CREDENTIAL_TTL_SECONDS;
  assertEd25519Jwk(privateKey, 'private', 'The credential signing key');
  const key = await importJWK(privateKey, CREDENTIAL_ALGORITHM);
  const header = {
    alg: CREDENTIAL_ALGORITHM,
    typ: CREDENTIAL_TYPE,
    ...(privateKey.kid !== undefined && { kid: privateKey.kid }),
  };

  return {
    sign(caller) {
      const issuedAt = Math.floor(Date.now() / 1000);
      return new SignJWT(credentialClaimsFor(caller))
        .setProtectedHeader(header)
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(caller.userId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key);
    },
  };
}
