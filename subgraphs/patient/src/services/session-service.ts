import { badUserInput, notFound, requireJustification, unauthenticated } from '@epr/platform';
import type { RoleProfileRecord } from '../data/directory-store.js';
import type { SessionRevocationRecord } from '../data/session-revocation-store.js';
import type { ServiceRequest } from './request.js';

/**
 * Ending sessions and role profiles before their tokens expire. The gateway reads revocations and role profiles
 * afresh every few seconds (README "Sessions"), so these take effect within that bound. Each is recorded in the
 * security log with who did it and why.
 */
export class SessionService {
  constructor(private readonly request: ServiceRequest) {}

  /** The caller ends the session this request belongs to. */
  async signOut(): Promise<SessionRevocationRecord> {
    const { caller, stores, audit } = this.request;
    if (!caller.sessionId) {
      throw unauthenticated('This request belongs to no session to sign out of.');
    }
    const revocation = await stores.sessionRevocations.revoke({
      userId: caller.userId,
      sessionId: caller.sessionId,
      revokedBy: caller.userId,
      reason: null,
    });
    audit.record({
      action: 'session.sign_out',
      outcome: 'ALLOWED',
      patientId: null,
      items: [`Session:${caller.sessionId}`],
      basis: { kind: 'SELF' },
    });
    return revocation;
  }

  /** A directory manager ends one session of a user of their own organisation. */
  async revoke(userId: string, sessionId: string, reason: string): Promise<SessionRevocationRecord> {
    const { caller, stores, audit } = this.request;
    const why = requireJustification(reason, 'reason', 'The reason for revoking the session');
    // Session ids are at most 64 characters (the gateway refuses longer ones), so nothing longer names a session.
    if (sessionId.length > 64) throw badUserInput('sessionId must be the sid of a session: at most 64 characters.', 'sessionId');
    // A directory manager manages their own organisation's people; anyone else is "not found", not "forbidden".
    if (!(await stores.directory.holdsRoleAt(userId, caller.organisationOds))) {
      throw notFound('No user with this id holds a role profile at your organisation.', 'userId');
    }
    const revocation = await stores.sessionRevocations.revoke({ userId, sessionId, revokedBy: caller.userId, reason: why });
    audit.record({
      action: 'session.revoke',
      outcome: 'ALLOWED',
      patientId: null,
      items: [`Session:${sessionId}`],
      basis: { kind: 'ROLE', detail: why },
    });
    return revocation;
  }

  /** A directory manager ends a role profile at their own organisation. */
  async endRoleProfile(roleProfileId: string, reason: string): Promise<RoleProfileRecord> {
    const { caller, stores, audit } = this.request;
    const why = requireJustification(reason, 'reason', 'The reason for ending the role profile');
    const profile = await stores.directory.roleProfile(roleProfileId);
    if (!profile || profile.organisation.odsCode !== caller.organisationOds) {
      throw notFound('No role profile with this id is held at your organisation.', 'roleProfileId');
    }
    const ended = await stores.directory.endRoleProfile(roleProfileId, { endedBy: caller.userId, endReason: why });
    audit.record({
      action: 'role_profile.end',
      outcome: 'ALLOWED',
      patientId: null,
      items: [`RoleProfile:${roleProfileId}`],
      basis: { kind: 'ROLE', detail: why },
    });
    return ended;
  }

  /** For the gateway: the user's sessions revoked at or after `since`. */
  revokedSince(userId: string, since: string): Promise<string[]> {
    return this.request.stores.sessionRevocations.revokedSince(userId, new Date(since));
  }
}
