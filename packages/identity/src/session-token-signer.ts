import { importJWK, SignJWT, type JWK } from 'jose';
import { assertEd25519Jwk, ED25519_ALGORITHM } from './ed25519-jwk.js';
import { sessionTokenPayload, type SessionClaims, type SessionTokenPayload } from './session-claims.js';

export interface SessionTokenSignerOptions {
  /** The issuer's Ed25519 private JWK; its kid goes in the token header so verifiers can pick the key. */
  readonly privateKey: JWK;
  readonly issuer: string;
  readonly audience: string;
}

export interface SignedSessionToken {
  readonly token: string;
  readonly claims: SessionTokenPayload;
}

export interface SessionTokenSigner {
  sign(session: SessionClaims, issuedAt?: Date): Promise<SignedSessionToken>;
}

/**
 * Issues session tokens in the format createSessionVerifier accepts. In production NHS CIS2 issues
 * them; this serves the local stand-in issuer and tests, so both use the one definition of the format.
 */
export async function createSessionTokenSigner(options: SessionTokenSignerOptions): Promise<SessionTokenSigner> {
  assertEd25519Jwk(options.privateKey, 'private', 'The session issuer key');
  const key = await importJWK(options.privateKey, ED25519_ALGORITHM);
  const header = {
    alg: ED25519_ALGORITHM,
    typ: 'JWT',
    ...(options.privateKey.kid !== undefined && { kid: options.privateKey.kid }),
  };

  return {
    async sign(session, issuedAt = new Date()) {
      const claims = sessionTokenPayload(session, { issuer: options.issuer, audience: options.audience, issuedAt });
      const token = await new SignJWT({ ...claims }).setProtectedHeader(header).sign(key);
      return { token, claims };
    },
  };
}
