import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayContext } from './context.js';

/**
 * Every subgraph call carries the caller's identity in a credential the gateway signed, and the request id,
 * so subgraphs trust nothing a client sent and every log line and audit row joins up across services.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async willSendRequest({ request, context }: Parameters<RemoteGraphQLDataSource<GatewayContext>['willSendRequest'] & {}>[0]) {
    const headers = request.http?.headers;
    if (!headers || !('caller' in context)) return;
    headers.set('authorization', `Bearer ${await context.credential()}`);
    headers.set('x-request-id', context.requestId);
  }
}
