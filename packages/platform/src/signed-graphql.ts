import type { Caller, CredentialSigner } from '@epr/identity';
import { injectTraceHeaders } from './telemetry/tracing.js';

/** What a subgraph answered: the HTTP status and the GraphQL body (either part may be missing from a broken answer). */
export interface GraphQLAnswer<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The subgraph could not be reached at all (refused, reset, timed out). */
export class GraphQLCallUnreachable extends Error {}

export interface SignedGraphQLCall {
  url: string;
  /** The subgraph called: the credential is good for it alone. */
  audience: string;
  /** Who the call is made as: the gateway itself (`system`) or a subgraph in its own name (`service`). */
  caller: Caller;
  signer: CredentialSigner;
  query: string;
  variables: Record<string, unknown>;
  timeoutMs: number;
}

/**
 * One GraphQL operation POSTed to a subgraph with a credential bound to that subgraph and to these exact bytes,
 * good for this one call (as the gateway signs every call it plans). The gateway's directory look-ups and the
 * subgraphs' service calls both go through here; each decides what an answer means for it.
 */
export async function postSignedGraphQL<T>(call: SignedGraphQLCall): Promise<GraphQLAnswer<T>> {
  const body = JSON.stringify({ query: call.query, variables: call.variables });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${call.signer.sign(call.caller, { audience: call.audience, body })}`,
    'x-request-id': call.caller.requestId,
  };
  // The call shows in the trace of the request it serves.
  injectTraceHeaders(headers);
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch (error) {
    throw new GraphQLCallUnreachable(`${call.audience} unreachable: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const answer = (await response.json().catch(() => ({}))) as Omit<GraphQLAnswer<T>, 'status'>;
  return { ...answer, status: response.status };
}
