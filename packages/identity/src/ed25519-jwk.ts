import type { JWK } from 'jose';
import { SigningKeyError } from './signing-key-error.js';

/** The JWS algorithm for Ed25519 keys (RFC 8037). */
export const ED25519_ALGORITHM = 'EdDSA';

/** Whether a key is expected to carry its private part (`d`) or must not. */
export type KeyVisibility = 'private' | 'public';

/**
 * Checks that `value` is an Ed25519 JWK of the expected visibility. A private key where a public one
 * is expected is refused too: it would mean the signing key has been handed to a service that only
 * ever verifies.
 */
export function assertEd25519Jwk(value: unknown, visibility: KeyVisibility, source: string): asserts value is JWK {
  const jwk = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<string, unknown>>;
  const isEd25519 = jwk['kty'] === 'OKP' && jwk['crv'] === 'Ed25519' && typeof jwk['x'] === 'string';
  const hasExpectedParts = visibility === 'private' ? typeof jwk['d'] === 'string' : jwk['d'] === undefined;
  if (!isEd25519 || !hasExpectedParts) {
    throw new SigningKeyError(`${source} is not an Ed25519 ${visibility} key in JWK form`);
  }
}
