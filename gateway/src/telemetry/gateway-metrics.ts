import type { ApolloServerPlugin } from '@apollo/server';
import { BoundedLabel, metrics } from '@epr/platform';
import type { GatewayContext } from '../context.js';

/** Seconds per request at /graphql, by operation and HTTP status: from the door (sign-in) to the last byte. */
export const gatewayRequestSeconds = metrics.histogram(
  'epr_gateway_request_duration_seconds',
  'Requests to /graphql, by operation name and HTTP status: seconds from arrival (sign-in included) to the answer.',
  ['operation', 'status'],
);

/** Seconds per subgraph call, by subgraph and outcome (ok, refused, unavailable). */
export const subgraphFetchSeconds = metrics.histogram(
  'epr_gateway_subgraph_fetch_duration_seconds',
  'Calls from the gateway to a subgraph, by subgraph and outcome (ok: a 2xx answer; refused: another answer; unavailable: none).',
  ['subgraph', 'outcome'],
);

/** Requests refused by the rate limits, by where: failed sign-ins from an address, a spent session or user, an operation's cost. */
export const rateLimitRefusals = metrics.counterFamily(
  'epr_gateway_rate_limit_refusals_total',
  'Requests refused with 429 by the rate limits, by stage: sign_in (an address that kept failing to sign in), spent (a session or user with nothing left, before sign-in or after it), cost (the operation costs more than is left).',
  ['stage'],
);

const operationNames = new BoundedLabel();

/** The operation's name for the metrics (the first 100 distinct names; later ones count as `other`). */
export function operationLabel(context: GatewayContext | undefined): string {
  // Refused at the door (no context) or before Apollo resolved an operation (a bad document).
  const name = context?.operation?.name;
  if (name === undefined) return 'none';
  return operationNames.of(name);
}

/** Notes on the request's context which operation it runs, once Apollo has resolved it. */
export function operationNamePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          if (contextValue.operation) contextValue.operation.name = operationName ?? null;
        },
      };
    },
  };
}
