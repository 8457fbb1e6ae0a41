import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context.js';

/**
 * Every subgraph call carries the caller's identity in a credential the gateway signs for that one call: for this
 * subgraph (its audience) and for the exact body sent, single-use and short-lived. So subgraphs trust nothing a
 * client sent, a credential captured on the way to one subgraph is useless at another or with another operation,
 * and every log line and audit row joins up across services through the request id.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    config: Partial<RemoteGraphQLDataSource<GatewayContext>>,
  ) {
    super(config);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const headers = request.http?.headers;
    // The gateway's own health checks carry no caller; every request made for a user carries a GatewayContext.
    if (!headers || !('caller' in context)) return;
    const { credentialFor, requestId } = context as GatewayContext;
    headers.set('authorization', `Bearer ${credentialFor({ audience: this.subgraph, body: bodyApolloWillSend(request) })}`);
    headers.set('x-request-id', requestId);
  }
}

/**
 * The body RemoteGraphQLDataSource sends for `request` (automatic persisted queries off): `query` first, then the
 * other fields but `http`, as JSON (@apollo/gateway 2.14, `process` and `sendRequest`). The credential is bound
 * to these bytes; should Apollo ever serialise differently, subgraphs refuse every call (body_mismatch) and the
 * unit test beside this file names the cause.
 */
export function bodyApolloWillSend(request: GraphQLDataSourceProcessOptions<GatewayContext>['request']): string {
  const { http: _http, query, ...rest } = request;
  return JSON.stringify({ query, ...rest });
}
