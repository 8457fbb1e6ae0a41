import { mintSessionToken } from '../dev-issuer/index.js';

/** Sends operations through the gateway in one user's session; any GraphQL error stops the benchmark. */
export type GatewaySend = (query: string, variables: Record<string, unknown>) => Promise<Record<string, any>>;

export async function gatewaySession(
  gatewayUrl: () => string,
  keyDir: string,
  userId: string,
  roleProfileId: string,
): Promise<GatewaySend> {
  const { token } = await mintSessionToken({ userId, roleProfileId }, { keyDir });
  return async (query, variables) => {
    const response = await fetch(gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
    if (body.errors || !body.data) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
}
