import { errors } from 'jose';

/** Why a signed token was refused, independent of which kind of token it was. */
export type TokenFailure =
  'malformed' | 'expired' | 'not_yet_valid' | 'bad_signature' | 'wrong_issuer' | 'wrong_audience' | 'missing_claim' | 'unsupported_alg';

export interface ClassifiedFailure {
  readonly reason: TokenFailure;
  /** The claim at fault, when jose names one; for logs, never for users. */
  readonly claim?: string;
}

/**
 * Maps a jose verification error to the reason we report. Returns undefined for anything that is not a
 * token problem (a bug, an unreachable key set), so callers surface those as faults instead of as a
 * rejected user.
 */
export function classifyJoseError(error: unknown): ClassifiedFailure | undefined {
  if (error instanceof errors.JWTExpired) return { reason: 'expired', claim: error.claim };
  if (error instanceof errors.JWTClaimValidationFailed) return classifyClaimFailure(error);
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return { reason: 'unsupported_alg' };
  }
  // No key in the set matches the token's kid, or several match and the token names none (OIDC Core
  // 10.1 requires a kid once an issuer publishes more than one key): either way, not our issuer's key.
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return { reason: 'bad_signature' };
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return { reason: 'malformed' };
  return undefined;
}

function classifyClaimFailure(error: errors.JWTClaimValidationFailed): ClassifiedFailure {
  const { claim } = error;
  if (claim === 'iss') return { reason: 'wrong_issuer', claim };
  if (claim === 'aud') return { reason: 'wrong_audience', claim };
  if (claim === 'nbf' && error.reason === 'check_failed') return { reason: 'not_yet_valid', claim };
  if (error.reason === 'missing') return { reason: 'missing_claim', claim };
  // A claim of the wrong type, or an unexpected `typ` header.
  return { reason: 'malformed', claim };
}
