import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { createCredentialSigner, loadKeyFromFile, serviceCredentialIssuer, type Caller, type CredentialSigner } from '@epr/identity';
import type { GraphQLResponse } from './gateway-client.js';
import { stackState } from './stack-state.js';

type Subgraph = keyof ReturnType<typeof stackState>['subgraphUrls'];

/** Callers as the gateway (or a service, for itself) vouches for them, for calling a subgraph directly. */
export const vouchedFor = {
  consultant: { kind: 'user', userId: 'dr.amelia.hart', roleProfileId: 'rp-hart-rx1', jobRoleCode: 'R8000', organisationOds: 'RX1' },
  gateway: { kind: 'system', userId: 'epr-gateway', roleProfileId: 'epr-gateway', jobRoleCode: 'SYSTEM', organisationOds: 'EPR' },
  scheduling: { kind: 'service', userId: 'scheduling', roleProfileId: 'service', jobRoleCode: 'SERVICE', organisationOds: 'EPR' },
} as const satisfies Record<string, Omit<Caller, 'requestId'>>;

/** A signer with the test stack's gateway key, or with a service's own key (`service`), as those services sign. */
export async function stackSigner(service?: Subgraph): Promise<CredentialSigner> {
  const { keyDir } = stackState();
  if (!service) return createCredentialSigner({ privateKey: await loadKeyFromFile(join(keyDir, 'gateway.private.jwk.json'), 'private') });
  const privateKey = await loadKeyFromFile(join(keyDir, `service-${service}.private.jwk.json`), 'private');
  return createCredentialSigner({ privateKey, issuer: serviceCredentialIssuer(service) });
}

/** Posts `body` straight to a subgraph with `authorization` as given: to see what a subgraph accepts. */
export async function postToSubgraph<T = Record<string, unknown>>(
  subgraph: Subgraph,
  body: string,
  authorization: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(stackState().subgraphUrls[subgraph], {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body,
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'], headers: response.headers };
}

/** Calls a subgraph directly as the gateway or a service does: a credential signed for that subgraph and this very body. */
export async function callSubgraph<T = Record<string, unknown>>(
  subgraph: Subgraph,
  signer: CredentialSigner,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const body = JSON.stringify({ query, variables });
  return postToSubgraph<T>(subgraph, body, `Bearer ${signer.sign(caller, { audience: subgraph, body })}`);
}

/** The caller the gateway would vouch for when `who` signs in: their role profile, organisation and teams, from the directory. */
export async function callerFor(who: { userId: string; roleProfileId: string }): Promise<Caller> {
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ job_role_code: string; ods_code: string; team_ids: string[]; patient_id: string | null }>(
      `SELECT rp.job_role_code, o.ods_code, u.patient_id::text AS patient_id,
              coalesce(array_agg(m.care_team_id::text) FILTER (WHERE m.care_team_id IS NOT NULL), '{}') AS team_ids
         FROM patient.role_profile rp JOIN patient.organisation o ON o.id = rp.organisation_id
         JOIN patient.app_user u ON u.id = rp.user_id
         LEFT JOIN patient.care_team_member m ON m.role_profile_id = rp.id
        WHERE rp.id = $1 AND rp.user_id = $2 GROUP BY rp.job_role_code, o.ods_code, u.patient_id`,
      [who.roleProfileId, who.userId],
    );
    const profile = rows[0];
    if (!profile) throw new Error(`No role profile ${who.roleProfileId} for ${who.userId}`);
    return {
      kind: 'user',
      userId: who.userId,
      roleProfileId: who.roleProfileId,
      jobRoleCode: profile.job_role_code,
      organisationOds: profile.ods_code,
      teamIds: profile.team_ids,
      // A portal account is its patient's: the gateway vouches for that too.
      ...(profile.patient_id ? { patientId: profile.patient_id } : {}),
      requestId: randomUUID(),
    };
  } finally {
    await client.end();
  }
}
