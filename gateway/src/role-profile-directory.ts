import type { Caller, CredentialSigner } from '@epr/identity';

export interface SelectedRoleProfile {
  jobRoleCode: string;
  organisationOds: string;
  /** Care teams of the role profile: team relationships and authoring-team seals depend on them. */
  teamIds: string[];
  /** For a patient's portal account: their own record. */
  patientId: string | null;
}

export class DirectoryUnavailableError extends Error {}

const lookupQuery = `query SessionRoleProfile($userId: ID!, $roleProfileId: ID!) {
  _sessionRoleProfile(userId: $userId, roleProfileId: $roleProfileId) { jobRoleCode organisationOds teamIds patientId }
}`;

// A revoked role should stop working within a minute; a wrong role retried in a loop should not hammer the
// directory. Both are short enough that no operator needs to flush anything.
const heldTtlMs = 60_000;
const notHeldTtlMs = 5_000;
const maxEntries = 10_000;

/**
 * Checks a session's selected role profile against the directory (the patient subgraph), calling it as the
 * gateway itself with a `system` credential. Answers are cached briefly per (user, role profile).
 */
export class RoleProfileDirectory {
  private readonly cache = new Map<string, { value: SelectedRoleProfile | null; expires: number }>();

  constructor(
    private readonly patientSubgraphUrl: () => string,
    private readonly signer: CredentialSigner,
  ) {}

  async lookup(userId: string, roleProfileId: string, requestId: string): Promise<SelectedRoleProfile | null> {
    const key = `${userId}\u0000${roleProfileId}`;
    const hit = this.cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const value = await this.fetch(userId, roleProfileId, requestId);
    if (this.cache.size >= maxEntries) this.cache.clear();
    this.cache.set(key, { value, expires: Date.now() + (value ? heldTtlMs : notHeldTtlMs) });
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
    const requestBody = JSON.stringify({ query: lookupQuery, variables: { userId, roleProfileId } });
    let response: Response;
    try {
      response = await fetch(this.patientSubgraphUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.signer.sign(system, { audience: 'patient', body: requestBody })}`,
          'x-request-id': requestId,
        },
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
