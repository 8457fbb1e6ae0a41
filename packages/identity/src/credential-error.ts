import type { TokenFailure } from './token-failure.js';

export type CredentialFailure =
  | TokenFailure
  | 'missing'
  /** Signed for another request body: captured and replayed with a different operation or variables. */
  | 'body_mismatch'
  /** Already presented once: every credential is good for one call. */
  | 'replayed';

// Reaches API clients only through the subgraph's error, so it names the problem and nothing else.
const MESSAGES: Record<CredentialFailure, string> = {
  missing: 'The request carried no gateway credential.',
  malformed: 'The gateway credential could not be read.',
  expired: 'The gateway credential has expired.',
  not_yet_valid: 'The gateway credential is not valid yet.',
  bad_signature: 'The gateway credential was not signed by the gateway.',
  wrong_issuer: 'The gateway credential was issued by an unknown party.',
  wrong_audience: 'The gateway credential was issued for a different service.',
  missing_claim: 'The gateway credential is missing required details.',
  unsupported_alg: 'The gateway credential uses an unsupported signing method.',
  body_mismatch: 'The gateway credential was issued for a different request.',
  replayed: 'The gateway credential has already been used.',
};

/** A subgraph refused the identity forwarded to it. `claim` and `cause` are for logs. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
  readonly reason: CredentialFailure;
  readonly claim: string | undefined;

  constructor(reason: CredentialFailure, details: { claim?: string | undefined; cause?: unknown } = {}) {
    super(MESSAGES[reason], { cause: details.cause });
    this.reason = reason;
    this.claim = details.claim;
  }
}
