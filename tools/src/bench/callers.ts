import { randomUUID } from 'node:crypto';
import { createCredentialSigner, createSessionTokenSigner, gatewaySystemCaller, type Caller, type CredentialSigner } from '@epr/identity';
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevIssuerKeys, ensureGatewayKeys } from '../dev-issuer/index.js';

/** Who a benchmark request signs in as: a demo user in one of their role profiles. */
export interface BenchCaller {
  userId: string;
  roleProfileId: string;
}

/** A new `authorization` value for each request, given the body it goes with. */
export interface AuthorizationPool {
  next: (body: string) => string;
}

/** Session tokens as a portal would present them to our gateway, one distinct token (session id) each, handed out in turn. */
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
  let i = 0;
  return { next: () => tokens[i++ % tokens.length]! };
}

/**
 * The Caller our gateway would vouch for: the role profile looked up in the directory exactly as our gateway does,
 * so every target is authorised alike.
 */
export async function vouchedCaller(keyDir: string, caller: BenchCaller, directoryUrl: string): Promise<Omit<Caller, 'requestId'>> {
  return callerFromDirectory(await gatewaySigner(keyDir), directoryUrl, caller);
}

/**
 * Signs what our gateway signs for each subgraph call: a credential for `caller` bound to the subgraph called and
 * the exact body, with a request and session id of its own. For direct subgraph calls and the peer gateways.
 */
export async function perCallCredentials(keyDir: string, caller: Omit<Caller, 'requestId'>) {
  const signer = await gatewaySigner(keyDir);
  return (audience: string, body: string) =>
    `Bearer ${signer.sign({ ...caller, sessionId: randomUUID(), requestId: randomUUID() }, { audience, body })}`;
}

async function gatewaySigner(keyDir: string): Promise<CredentialSigner> {
  return createCredentialSigner({ privateKey: (await ensureGatewayKeys(keyDir)).keyPair.privateJwk });
}

async function callerFromDirectory(
  signer: CredentialSigner,
  directoryUrl: string,
  caller: BenchCaller,
): Promise<Omit<Caller, 'requestId'>> {
  const system = gatewaySystemCaller(randomUUID());
  const body = JSON.stringify({
    query: `query ($userId: ID!, $roleProfileId: ID!) {
        _sessionRoleProfile(userId: $userId, roleProfileId: $roleProfileId) { jobRoleCode organisationOds teamIds patientId }
      }`,
    variables: caller,
  });
  const response = await fetch(directoryUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${signer.sign(system, { audience: 'patient', body })}` },
    body,
  });
  const answer = (await response.json()) as {
    data?: { _sessionRoleProfile: { jobRoleCode: string; organisationOds: string; teamIds: string[]; patientId: string | null } | null };
  };
  const profile = answer.data?._sessionRoleProfile;
  if (!profile) throw new Error(`The directory does not know ${caller.userId} in ${caller.roleProfileId}: ${JSON.stringify(answer)}`);
  return {
    kind: 'user',
    ...caller,
    jobRoleCode: profile.jobRoleCode,
    organisationOds: profile.organisationOds,
    teamIds: profile.teamIds,
    ...(profile.patientId !== null ? { patientId: profile.patientId } : {}),
  };
}
