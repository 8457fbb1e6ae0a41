import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayContext } from './context.js';

/**
 * Every subgraph call carries the caller's identity in a credential the gateway signed, and the request id,
 * so subgraphs trust nothing a client sent and every log line and audit row joins up across services.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async willSendRequest({ request, context }: Parameters<RemoteGraphQLDataSource<GatewayContext>['willSendRequest'] & {}>[0]) {
    const headers = request.http?.headers;
    // The gateway's own health checks carry no caller; every request made for a user carries a GatewayContext.
    if (!headers || !('caller' in context)) return;
    const { credential, requestId } = context as GatewayContext;
    headers.set('authorization', `Bearer ${await credential()}`);
    headers.set('x-request-id', requestId);
  }
}
