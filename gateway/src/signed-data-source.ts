import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, parse } from 'graphql';
import type { GatewayContext } from './context.js';
import { SubgraphUnavailableError } from './resilience/subgraph-guard.js';
import { unavailableAnswer } from './resilience/unavailable-subgraph.js';

type Answer = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** A subgraph's own GraphQL answer that came with a non-2xx status (a refusal of the request as a whole). */
class SubgraphRefusal extends GraphQLError {
  constructor(readonly answer: Answer) {
    super('subgraph refused the request');
  }
}

/**
 * Every subgraph call carries the caller's identity in a credential the gateway signs for that one call: for this
 * subgraph (its audience) and for the exact body sent, single-use and short-lived. So subgraphs trust nothing a
 * client sent, a credential captured on the way to one subgraph is useless at another or with another operation,
 * and every log line and audit row joins up across services through the request id.
 * A call that gets no answer (down, hung, circuit open) becomes SERVICE_UNAVAILABLE on the fields it was to
 * fill, so the rest of the operation is still answered; a subgraph's own refusal passes on as it is.
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

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<Answer> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof SubgraphRefusal) return error.answer;
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      // The gateway's own health checks carry no caller; every request made for a user carries a GatewayContext.
      if ('caller' in options.context)
        (options.context as GatewayContext).logger.warn({ subgraph: this.subgraph, reason: error.reason }, 'subgraph unavailable');
      const document = ('document' in options ? options.document : undefined) ?? parse(options.request.query ?? '');
      return unavailableAnswer(document, options.request.variables, error);
    }
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const body = await this.parseBody(response).catch(() => undefined);
    if (typeof body === 'object' && body !== null && Array.isArray((body as Answer).errors)) return new SubgraphRefusal(body);
    return super.errorFromResponse(response);
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
