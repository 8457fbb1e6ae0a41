import { parseBearer, SessionTokenError, type Caller, type SessionVerifier } from '@epr/identity';
import type { RoleProfileDirectory } from './role-profile-directory.js';
import type { RequestIds } from './http/request-ids.js';

/** Why a request was refused at the door; `message` is written for the person signing in. */
export class AuthenticationError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export class IdentityProviderUnavailableError extends Error {}

/**
 * A request is authenticated when its session token verifies (signature, issuer, audience, expiry, maximum age),
 * the role profile it selected is an active profile of that user in the directory, and the session has not been
 * revoked. The result is the Caller the gateway vouches for to the subgraphs.
 */
export async function authenticate(
  authorization: string | undefined,
  ids: RequestIds,
  verifier: SessionVerifier,
  directory: RoleProfileDirectory,
): Promise<Caller> {
  let claims;
  try {
    claims = await verifier.verify(parseBearer(authorization));
  } catch (error) {
    // The identity provider's keys could not be fetched: not the user's fault, so not a 401.
    if (error instanceof SessionTokenError && error.reason === 'issuer_unavailable')
      throw new IdentityProviderUnavailableError(error.message);
    if (error instanceof SessionTokenError) throw new AuthenticationError(error.reason, error.message);
    throw error;
  }
  const profile = await directory.lookup(claims.userId, claims.roleProfileId, ids.requestId);
  if (!profile) {
    throw new AuthenticationError(
      'role_not_held',
      'The role selected for this session is not one of your active role profiles. Sign in again and select one of your roles.',
    );
  }
  if (profile.revokedSessionIds.includes(claims.sessionId)) {
    throw new AuthenticationError('session_revoked', 'This session has been signed out or ended. Sign in again to continue.');
  }
  return {
    kind: 'user',
    userId: claims.userId,
    roleProfileId: claims.roleProfileId,
    jobRoleCode: profile.jobRoleCode,
    organisationOds: profile.organisationOds,
    ...(claims.cardSerial !== undefined && { cardSerial: claims.cardSerial }),
    sessionId: claims.sessionId,
    teamIds: profile.teamIds,
    ...(profile.patientId !== null && { patientId: profile.patientId }),
    ...ids,
  };
}
