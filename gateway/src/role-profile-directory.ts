import { ExpiringCache, gatewaySystemCaller, type CredentialSigner } from '@epr/identity';
import { GraphQLCallUnreachable, postSignedGraphQL, traced } from '@epr/platform';

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
  private readonly cache = new ExpiringCache<SelectedRoleProfile | null>(maxEntries);

  constructor(
    private readonly patientSubgraphUrl: () => string,
    private readonly signer: CredentialSigner,
    /** A session older than this is refused anyway, so older revocations need not be fetched. */
    private readonly maxSessionAgeSeconds: number,
  ) {}

  async lookup(userId: string, roleProfileId: string, requestId: string): Promise<SelectedRoleProfile | null> {
    const key = `${userId}\u0000${roleProfileId}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    // Counted from before the read, so an answer is never reused more than the TTL after any change it missed.
    const asked = Date.now();
    const value = await traced('directory.lookup', undefined, () => this.fetch(userId, roleProfileId, requestId));
    this.cache.set(key, value, asked + DIRECTORY_ANSWER_TTL_MS);
    return value;
  }

  private async fetch(userId: string, roleProfileId: string, requestId: string): Promise<SelectedRoleProfile | null> {
    const system = gatewaySystemCaller(requestId);
    const revokedSince = new Date(Date.now() - this.maxSessionAgeSeconds * 1000).toISOString();
    let answer;
    try {
      answer = await postSignedGraphQL<{ _sessionRoleProfile: SelectedRoleProfile | null }>({
        url: this.patientSubgraphUrl(),
        audience: 'patient',
        caller: system,
        signer: this.signer,
        query: lookupQuery,
        variables: { userId, roleProfileId, revokedSince },
        timeoutMs: 5_000,
      });
    } catch (error) {
      if (error instanceof GraphQLCallUnreachable) throw new DirectoryUnavailableError('directory unreachable', { cause: error });
      throw error;
    }
    if (answer.status < 200 || answer.status > 299 || answer.errors || !answer.data) {
      throw new DirectoryUnavailableError(`directory answered ${answer.status}: ${JSON.stringify(answer.errors ?? null)}`);
    }
    return answer.data._sessionRoleProfile;
  }
}
