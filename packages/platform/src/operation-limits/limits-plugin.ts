import { GraphQLError, Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import type { OperationLimits } from './limits.js';
import { operationLimitExceeded } from './limit-error.js';
import { estimateOperationCost } from './operation-cost.js';

/** Called with each operation's estimated cost once it is within the limit (the gateway charges rate limits with it). */
export type CostListener<TContext extends BaseContext> = (context: TContext, cost: number) => Promise<void>;

/**
 * What is checked once the operation is known and before anything runs (on the gateway: before planning):
 * that the request names an operation the document has, that it is a query or mutation, and its estimated
 * cost. Each refusal is HTTP 400 with a code the client can act on: the client's mistake, not our failure.
 */
export function operationLimitsPlugin<TContext extends BaseContext>(
  limits: OperationLimits,
  onCost?: CostListener<TContext>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const operation = requestContext.operation;
          if (!operation) throw unresolvedOperation(requestContext);
          if (operation.operation === OperationTypeNode.SUBSCRIPTION)
            throw clientError(
              'Subscriptions are not supported: this API answers queries and mutations over HTTP.',
              'OPERATION_NOT_SUPPORTED',
            );
          if (limits.maxCost === Number.POSITIVE_INFINITY && !onCost) return;
          const cost = costOf(requestContext, operation, limits);
          if (cost > limits.maxCost) throw operationLimitExceeded('cost', limits.maxCost, cost);
          await onCost?.(requestContext.contextValue, cost);
        },
      };
    },
  };
}

function costOf<TContext extends BaseContext>(
  { schema, document, request }: GraphQLRequestContextDidResolveOperation<TContext>,
  operation: OperationDefinitionNode,
  limits: OperationLimits,
): number {
  try {
    return estimateOperationCost(schema, document, operation, request.variables, limits.assumedListSize);
  } catch (error) {
    // Variables that do not fit their types: the same refusal GraphQL execution would give.
    if (error instanceof GraphQLError && error.message.startsWith('Variable "')) throw clientError(error.message, 'BAD_USER_INPUT');
    // The walk gave up: fragments spread within fragments multiply the operation beyond any useful size.
    if (error instanceof GraphQLError) throw operationLimitExceeded('cost', limits.maxCost);
    throw error;
  }
}

function unresolvedOperation<TContext extends BaseContext>({ request, document }: GraphQLRequestContextDidResolveOperation<TContext>) {
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [`"${d.name.value}"`] : []));
  const message = request.operationName
    ? `The document has no operation named "${request.operationName}". Set operationName to one of: ${names.join(', ') || '(none)'}.`
    : `The document has several operations; set operationName to the one to run (${names.join(', ')}).`;
  return clientError(message, 'OPERATION_RESOLUTION_FAILURE');
}

function clientError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400, headers: new HeaderMap() } } });
}
