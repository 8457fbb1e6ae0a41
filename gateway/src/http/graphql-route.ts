import type { ApolloServer } from '@apollo/server';
import { errorBody, executeGraphQLOverHttp, readJsonBodyOrAnswer400, sendJson } from '@epr/platform';
import type { DocumentDecision } from '../documents/document-policy.js';
import type { GatewayContext } from '../context.js';
import { responseWriter } from '../response-compression.js';
import { routeAt, type GatewayRoute } from './route.js';
import type { SessionDoor } from './session.js';
import { gatewayRequestSeconds, operationLabel } from '../telemetry/gateway-metrics.js';

/**
 * GraphQL at /graphql: a signed-in session, a document the gateway may run (see document-policy.ts), then
 * Apollo plans and runs the operation over the subgraphs.
 */
export function graphqlRoute(
  apollo: ApolloServer<GatewayContext>,
  session: SessionDoor,
  compressMinBytes: number,
  documents: (method: string, body: unknown) => DocumentDecision,
): GatewayRoute {
  return routeAt('/graphql', async (req, res) => {
    const arrived = performance.now();
    let context: GatewayContext | undefined;
    try {
      context = await session.open(req, res);
      if (!context) return;
      const parsed = await readJsonBodyOrAnswer400(req, res);
      if (!parsed) return;
      const decision = documents(req.method ?? 'POST', parsed.body);
      if ('status' in decision) return sendJson(res, decision.status, errorBody(decision.message, decision.code));
      const started = performance.now();
      const ready = context;
      await executeGraphQLOverHttp(apollo, req, res, decision.body, async () => ready, responseWriter(req, compressMinBytes));
      context.logger.info(
        {
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          userId: context.caller.userId,
          roleProfileId: context.caller.roleProfileId,
        },
        'graphql request',
      );
    } finally {
      gatewayRequestSeconds.observe(
        { operation: operationLabel(context), status: String(res.statusCode) },
        (performance.now() - arrived) / 1000,
      );
    }
  });
}
