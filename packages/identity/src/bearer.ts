import { SessionTokenError } from './session-token-error.js';

// RFC 6750 §2.1: the scheme is case-insensitive and the credential is a b64token.
const BEARER_CREDENTIALS = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Extracts the session token from an Authorization header, or throws a SessionTokenError. */
export function parseBearer(authorizationHeader: string | null | undefined): string {
  const header = authorizationHeader?.trim();
  if (!header) throw new SessionTokenError('missing');
  const token = BEARER_CREDENTIALS.exec(header)?.[1];
  if (token === undefined) throw new SessionTokenError('malformed');
  return token;
}
