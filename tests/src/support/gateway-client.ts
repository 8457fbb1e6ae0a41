import { mintSessionToken } from '@epr/tools/dev-issuer/index';
import { stackState } from './stack-state.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
  headers: Headers;
}

/** Sends one GraphQL operation to a URL (the gateway unless told otherwise), as a portal would. */
export async function graphql<T = Record<string, unknown>>(
  query: string,
  options: {
    variables?: Record<string, unknown>;
    token?: string;
    authorization?: string;
    url?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const authorization = options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  if (authorization) headers['authorization'] = authorization;
  const response = await fetch(options.url ?? stackState().gatewayUrl, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'], headers: response.headers };
}

/** A session token from the test stack's dev issuer. */
export async function tokenFor(
  userId: string,
  roleProfileId: string,
  extra: { expired?: boolean; cardSerial?: string; issuedAgoSeconds?: number; ttlSeconds?: number } = {},
): Promise<string> {
  const { token } = await mintSessionToken({ userId, roleProfileId, ...extra }, { keyDir: stackState().keyDir });
  return token;
}
