import { join } from 'node:path';
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
