import type { TokenFailure } from './token-failure.js';

export type SessionTokenFailure =
  | TokenFailure
  /** No Authorization header, or an empty token. */
  | 'missing'
  /** The issuer's keys could not be obtained; the token may be fine, so this is not the user's fault. */
  | 'issuer_unavailable'
  /** No `iat`: how old the session is cannot be known, so it cannot be held to the maximum session age. */
  | 'iat_missing'
  /** Signed in longer ago than the policy's maximum session age, meant to last longer, or "issued" in the future. */
  | 'session_too_old';

// Shown to clinicians as they are: plain words, an action to take, and nothing about our internals.
const MESSAGES: Record<SessionTokenFailure, string> = {
  missing: 'You are not signed in. Sign in with your smartcard to continue.',
  malformed: 'Your sign-in details could not be read. Please sign in again.',
  expired: 'Your session has expired. Please sign in again.',
  not_yet_valid: "Your session is not valid yet. Check this device's clock, then sign in again.",
  bad_signature: 'Your sign-in could not be verified. Please sign in again.',
  wrong_issuer: 'Your sign-in came from an identity service this system does not trust. Please sign in again.',
  wrong_audience: 'Your sign-in was issued for a different system. Please sign in again.',
  missing_claim: 'Your sign-in is missing required details. Please sign in again.',
  unsupported_alg: 'Your sign-in uses a security method this system does not accept. Please sign in again.',
  issuer_unavailable: 'Sign-in cannot be checked at the moment. Please try again shortly.',
  iat_missing: 'Your sign-in does not say when it started. Please sign in again.',
  session_too_old: 'Your session has lasted longer than this system allows. Please sign in again.',
};

const NO_ROLE_SELECTED = 'No role was selected for this session. Sign in again and select a role.';

/** A session token was refused. `message` is safe to show the user; `claim` and `cause` are for logs. */
export class SessionTokenError extends Error {
  override readonly name = 'SessionTokenError';
  readonly reason: SessionTokenFailure;
  readonly claim: string | undefined;

  constructor(reason: SessionTokenFailure, details: { claim?: string | undefined; cause?: unknown } = {}) {
    super(reason === 'missing_claim' && details.claim === 'selected_roleid' ? NO_ROLE_SELECTED : MESSAGES[reason], {
      cause: details.cause,
    });
    this.reason = reason;
    this.claim = details.claim;
  }
}
