import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { createJwksFileKeyResolver } from './jwks-file.js';

/** Where an issuer publishes its public keys: a local JWKS file, or an HTTPS JWKS endpoint. */
export type JwksSource = { readonly file: string } | { readonly url: string };

/** The issuer's key set could not be read or fetched; says nothing about the token itself. */
export class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';
}

/**
 * A key resolver for jose that separates "this token matches none of the issuer's keys" (the token's
 * problem) from every other failure to resolve a key (ours or the issuer's), which it reports as
 * KeySetUnavailableError.
 */
export function keyResolverFor(source: JwksSource): JWTVerifyGetKey {
  const resolveKey = 'file' in source ? createJwksFileKeyResolver(source.file) : createRemoteJWKSet(new URL(source.url));
  return async (protectedHeader, token) => {
    try {
      return await resolveKey(protectedHeader, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new KeySetUnavailableError('The session issuer key set is unavailable', { cause: error });
    }
  };
}
