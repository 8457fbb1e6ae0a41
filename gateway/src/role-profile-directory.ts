import type { Caller, CredentialSigner } from '@epr/identity';
import { injectTraceHeaders, traced } from '@epr/platform';

export interface SelectedRoleProfile {
  jobRoleCode: string;
  organisationOds: string;
  /** Care teams of the role profile: team relationships and authoring-team seals depend on them. */
  teamIds: string[];
  /** For a patient's portal account: their own record. */
  patientId: string | null;
  /** The user's sessions revoked recently enough that their tokens could still be within the maximum session age. */
  revokedSessionIds: string[];
}

export class DirectoryUnavailableError extends Error {}

const lookupQuery = `query SessionRoleProfile($userId: ID!, $roleProfileId: ID!, $revokedSince: DateTime!) {
  _sessionRoleProfile(userId: $userId, roleProfileId: $roleProfileId) {
    jobRoleCode organisationOds teamIds patientId revokedSessionIds(since: $revokedSince)
  }
}`;

/**
 * How long an answer is reused: the bound on how soon an ended role profile or a revoked session is refused
 * (README "Sessions"). One look-up per user and role every few seconds keeps the directory's load far below the
 * request rate, and a wrong role retried in a loop cannot hammer it either.
 */
export const DIRECTORY_ANSWER_TTL_MS = 3_000;
const maxEntries = 10_000;

/**
 * Checks a session's selected role profile against the directory (the patient subgraph), calling it as the
 * gateway itself with a `system` credential, and learns which of the user's sessions were revoked. Answers are
 * reused for DIRECTORY_ANSWER_TTL_MS per (user, role profile).
 */
export class RoleProfileDirectory {
  private readonly cache = new Map<string, { value: SelectedRoleProfile | null; expires: number }>();

  constructor(
    private readonly patientSubgraphUrl: () => string,
    private readonly signer: CredentialSigner,
    /** A session older than this is refused anyway, so older revocations need not be fetched. */
    private readonly maxSessionAgeSeconds: number,
  ) {}

  async lookup(userId: string, roleProfileId: string, requestId: string): Promise<SelectedRoleProfile | null> {
    const key = `${userId}\u0000${roleProfileId}`;
    const hit = this.cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    // Counted from before the read, so an answer is never reused more than the TTL after any change it missed.
    const asked = Date.now();
    const value = await traced('directory.lookup', undefined, () => this.fetch(userId, roleProfileId, requestId));
    if (this.cache.size >= maxEntries) this.cache.clear();
    this.cache.set(key, { value, expires: asked + DIRECTORY_ANSWER_TTL_MS });
    return value;
  }

  private async fetch(userId: string, roleProfileId: string, requestId: string): Promise<SelectedRoleProfile | null> {
    const system: Caller = {
      kind: 'system',
      userId: 'epr-gateway',
      roleProfileId: 'epr-gateway',
      jobRoleCode: 'SYSTEM',
      organisationOds: 'EPR',
      requestId,
    };
    const revokedSince = new Date(Date.now() - this.maxSessionAgeSeconds * 1000).toISOString();
    const requestBody = JSON.stringify({ query: lookupQuery, variables: { userId, roleProfileId, revokedSince } });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${this.signer.sign(system, { audience: 'patient', body: requestBody })}`,
      'x-request-id': requestId,
    };
    // The directory's part of the request shows in the request's trace.
    injectTraceHeaders(headers);
    let response: Response;
    try {
      response = await fetch(this.patientSubgraphUrl(), {
        method: 'POST',
        headers,
        body: requestBody,
        signal: AbortSignal.timeout(5_000),
      });
    } catch (error) {
      throw new DirectoryUnavailableError('directory unreachable', { cause: error });
    }
    const body = (await response.json().catch(() => ({}))) as {
      data?: { _sessionRoleProfile: SelectedRoleProfile | null };
      errors?: unknown[];
    };
    if (!response.ok || body.errors || !body.data) {
      throw new DirectoryUnavailableError(`directory answered ${response.status}: ${JSON.stringify(body.errors ?? null)}`);
    }
    return body.data._sessionRoleProfile;
  }
}
