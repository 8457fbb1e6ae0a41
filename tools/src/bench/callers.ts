import { randomUUID } from 'node:crypto';
import { createCredentialSigner, createSessionTokenSigner, type Caller } from '@epr/identity';
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevIssuerKeys, ensureGatewayKeys } from '../dev-issuer/index.js';
import { users } from '../seed/demo-data.js';

/** Who the benchmark signs in as: a demo user in one of their role profiles. */
export interface BenchCaller {
  userId: string;
  roleProfileId: string;
}

/** A fixed set of distinct `authorization` values, handed out in turn. */
export interface AuthorizationPool {
  next: () => string;
  size: number;
}

function pool(values: string[]): AuthorizationPool {
  let i = 0;
  return { next: () => values[i++ % values.length]!, size: values.length };
}

/** Session tokens as a portal would present them to our gateway, one distinct token (session id) each. */
export async function sessionTokens(keyDir: string, caller: BenchCaller, count: number): Promise<AuthorizationPool> {
  const keys = await ensureDevIssuerKeys(keyDir);
  const signer = await createSessionTokenSigner({ privateKey: keys.privateJwk, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
  const expiresAt = new Date(Date.now() + 60 * 60_000);
  const tokens = await Promise.all(
    Array.from({ length: count }, async () => {
      const { token } = await signer.sign({ ...caller, sessionId: randomUUID(), expiresAt });
      return `Bearer ${token}`;
    }),
  );
  return pool(tokens);
}

/**
 * Credentials signed with our gateway's key, as our gateway would forward them for `caller`: for the peer
 * gateways (which pass the header through to the subgraphs) and for direct subgraph calls. Each has its
 * own request id, so each is a distinct token the subgraphs verify afresh.
 */
export async function gatewayCredentials(keyDir: string, caller: BenchCaller, count: number, ttlSeconds: number): Promise<AuthorizationPool> {
  const keys = await ensureGatewayKeys(keyDir);
  const signer = await createCredentialSigner({ privateKey: keys.keyPair.privateJwk, ttlSeconds });
  const vouchedFor = callerAsGatewaySeesIt(caller);
  const tokens = await Promise.all(
    Array.from({ length: count }, async () => `Bearer ${await signer.sign({ ...vouchedFor, sessionId: randomUUID(), requestId: randomUUID() })}`),
  );
  return pool(tokens);
}

/** The Caller our gateway builds after its directory check, from the demo directory. */
function callerAsGatewaySeesIt(caller: BenchCaller): Omit<Caller, 'requestId'> {
  const profile = users.find((u) => u.id === caller.userId)?.roleProfiles.find((r) => r.id === caller.roleProfileId);
  if (!profile) throw new Error(`${caller.userId} has no role profile ${caller.roleProfileId} in the demo directory.`);
  return { kind: 'user', userId: caller.userId, roleProfileId: profile.id, jobRoleCode: profile.jobRoleCode, organisationOds: profile.odsCode };
}
