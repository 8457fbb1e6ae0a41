import { randomUUID } from 'node:crypto';
import { createCredentialSigner, createSessionTokenSigner, type Caller, type CredentialSigner } from '@epr/identity';
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevIssuerKeys, ensureGatewayKeys } from '../dev-issuer/index.js';

/** Who a benchmark request signs in as: a demo user in one of their role profiles. */
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
 * Credentials signed with our gateway's key for the Caller our gateway would vouch for: for the peer gateways
 * (which pass the header through to the subgraphs) and for direct subgraph calls. The role profile is looked
 * up in the directory exactly as our gateway does, so every target is authorised alike. Each credential has
 * its own request id, so each is a distinct token the subgraphs verify afresh.
 */
export async function gatewayCredentials(
  keyDir: string,
  caller: BenchCaller,
  directoryUrl: string,
  count: number,
  ttlSeconds: number,
): Promise<AuthorizationPool> {
  const keys = await ensureGatewayKeys(keyDir);
  const signer = await createCredentialSigner({ privateKey: keys.keyPair.privateJwk, ttlSeconds });
  const vouchedFor = await callerFromDirectory(signer, directoryUrl, caller);
  const tokens = await Promise.all(
    Array.from(
      { length: count },
      async () => `Bearer ${await signer.sign({ ...vouchedFor, sessionId: randomUUID(), requestId: randomUUID() })}`,
    ),
  );
  return pool(tokens);
}

async function callerFromDirectory(
  signer: CredentialSigner,
  directoryUrl: string,
  caller: BenchCaller,
): Promise<Omit<Caller, 'requestId'>> {
  const system: Caller = {
    kind: 'system',
    userId: 'epr-gateway',
    roleProfileId: 'epr-gateway',
    jobRoleCode: 'SYSTEM',
    organisationOds: 'EPR',
    requestId: randomUUID(),
  };
  const response = await fetch(directoryUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await signer.sign(system)}` },
    body: JSON.stringify({
      query: `query ($userId: ID!, $roleProfileId: ID!) {
        _sessionRoleProfile(userId: $userId, roleProfileId: $roleProfileId) { jobRoleCode organisationOds teamIds patientId }
      }`,
      variables: caller,
    }),
  });
  const body = (await response.json()) as {
    data?: { _sessionRoleProfile: { jobRoleCode: string; organisationOds: string; teamIds: string[]; patientId: string | null } | null };
  };
  const profile = body.data?._sessionRoleProfile;
  if (!profile) throw new Error(`The directory does not know ${caller.userId} in ${caller.roleProfileId}: ${JSON.stringify(body)}`);
  return {
    kind: 'user',
    ...caller,
    jobRoleCode: profile.jobRoleCode,
    organisationOds: profile.organisationOds,
    teamIds: profile.teamIds,
    ...(profile.patientId !== null ? { patientId: profile.patientId } : {}),
  };
}
