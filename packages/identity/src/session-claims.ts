import type { JWTPayload } from 'jose';
import { SessionTokenError } from './session-token-error.js';

/** Who signed in, and as which role, according to a verified session token. */
export interface SessionClaims {
  readonly userId: string;
  /** The one role profile the user selected for this session; every request acts in that role. */
  readonly roleProfileId: string;
  readonly cardSerial?: string;
  /** The sign-in session (`sid`): what signing out, or a directory manager, revokes. */
  readonly sessionId: string;
  readonly expiresAt: Date;
}

/** A session token's claims as they travel, named as NHS CIS2 names them. */
export interface SessionTokenPayload {
  readonly iss: string;
  readonly aud: string;
  readonly sub: string;
  readonly selected_roleid: string;
  readonly card_serial?: string;
  readonly sid: string;
  readonly iat: number;
  readonly exp: number;
}

/**
 * Claims every session token must carry; jose checks their presence before we map them. `iat` is required too,
 * but checked by the verifier, which names its absence (`iat_missing`).
 */
export const REQUIRED_SESSION_CLAIMS = ['sub', 'selected_roleid', 'sid', 'exp'] as const;

const MAX_SESSION_ID_LENGTH = 64;

/** Maps the payload of an already-verified session token, insisting on the shape of each claim. */
export function sessionClaimsFrom(payload: JWTPayload): SessionClaims {
  const userId = requiredString(payload, 'sub');
  const roleProfileId = requiredString(payload, 'selected_roleid');
  const cardSerial = optionalString(payload, 'card_serial');
  // Without a session id a session could never be revoked, so a token without one is refused. It is recorded on
  // every security log event (64 characters), so a longer one could only make every request fail.
  const sessionId = requiredString(payload, 'sid');
  if (sessionId.length > MAX_SESSION_ID_LENGTH) throw new SessionTokenError('malformed', { claim: 'sid' });
  if (typeof payload.exp !== 'number') throw new SessionTokenError('missing_claim', { claim: 'exp' });
  return {
    userId,
    roleProfileId,
    ...(cardSerial !== undefined && { cardSerial }),
    sessionId,
    expiresAt: new Date(payload.exp * 1000),
  };
}

/** The inverse of sessionClaimsFrom, for the issuers we run ourselves. */
export function sessionTokenPayload(
  session: SessionClaims,
  token: { readonly issuer: string; readonly audience: string; readonly issuedAt: Date },
): SessionTokenPayload {
  return {
    iss: token.issuer,
    aud: token.audience,
    sub: session.userId,
    selected_roleid: session.roleProfileId,
    ...(session.cardSerial !== undefined && { card_serial: session.cardSerial }),
    sid: session.sessionId,
    iat: epochSeconds(token.issuedAt),
    exp: epochSeconds(session.expiresAt),
  };
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

// An empty or non-string identity is as good as none: treat it as missing rather than guess.
function requiredString(payload: JWTPayload, claim: string): string {
  const value = payload[claim];
  if (typeof value !== 'string' || value === '') throw new SessionTokenError('missing_claim', { claim });
  return value;
}

function optionalString(payload: JWTPayload, claim: string): string | undefined {
  const value = payload[claim];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new SessionTokenError('malformed', { claim });
  return value;
}
