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
 * Every subgraph call carries the caller's identity in a credential the gateway signed, and the request id,
 * so subgraphs trust nothing a client sent and every log line and audit row joins up across services.
 * A call that gets no answer (down, hung, circuit open) becomes SERVICE_UNAVAILABLE on the fields it was to
 * fill, so the rest of the operation is still answered; a subgraph's own refusal passes on as it is.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async willSendRequest({ request, context }: Parameters<RemoteGraphQLDataSource<GatewayContext>['willSendRequest'] & {}>[0]) {
    const headers = request.http?.headers;
    if (!headers || !('caller' in context)) return;
    headers.set('authorization', `Bearer ${await context.credential()}`);
    headers.set('x-request-id', context.requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<Answer> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof SubgraphRefusal) return error.answer;
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      if ('caller' in options.context) options.context.logger.warn({ subgraph: this.url, reason: error.reason }, 'subgraph unavailable');
      const document = ('document' in options ? options.document : undefined) ?? parse(options.request.query ?? '');
      return unavailableAnswer(document, options.request.variables, error);
    }
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const body = await this.parseBody(response).catch(() => undefined);
    if (typeof body === 'object' && body !== null && Array.isArray((body as Answer).errors)) return new SubgraphRefusal(body as Answer);
    return super.errorFromResponse(response);
  }
}
