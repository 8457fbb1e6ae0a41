import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';
import { ED25519_ALGORITHM } from './ed25519-jwk.js';

/** An Ed25519 signing key pair as JWKs, both labelled with the same `kid`. */
export interface SigningKeyPair {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

// Members that hold private key material for any key type (RFC 7518 §6); none may be published.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const { privateKey } = await generateKeyPair(ED25519_ALGORITHM, { crv: 'Ed25519', extractable: true });
  return signingKeyPairFrom(await exportJWK(privateKey));
}

/**
 * Completes a private JWK into a key pair. The kid is the RFC 7638 thumbprint unless one is given, so
 * the same key always gets the same kid wherever it is loaded.
 */
export async function signingKeyPairFrom(privateJwk: JWK): Promise<SigningKeyPair> {
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(privateJwk));
  const labelled: JWK = { ...privateJwk, kid, alg: ED25519_ALGORITHM, use: 'sig' };
  return { kid, privateJwk: labelled, publicJwk: publicJwkOf(labelled) };
}

/** The JWK without its private members. */
export function publicJwkOf(jwk: JWK): JWK {
  const publicJwk: Record<string, unknown> = { ...jwk };
  for (const member of PRIVATE_MEMBERS) delete publicJwk[member];
  return publicJwk;
}

/** A JWKS document for the given keys, stripped of private parts whatever was passed in. */
export function publicJwks(...keys: JWK[]): JSONWebKeySet {
  return { keys: keys.map(publicJwkOf) };
}
