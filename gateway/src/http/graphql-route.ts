import type { ApolloServer } from '@apollo/server';
import { executeGraphQLOverHttp, readJsonBodyOrAnswer400 } from '@epr/platform';
import type { GatewayContext } from '../context.js';
import { responseWriter } from '../response-compression.js';
import { routeAt, type GatewayRoute } from './route.js';
import type { SessionDoor } from './session.js';

/** GraphQL at /graphql: a signed-in session, then Apollo plans and runs the operation over the subgraphs. */
export function graphqlRoute(apollo: ApolloServer<GatewayContext>, session: SessionDoor, compressMinBytes: number): GatewayRoute {
  return routeAt('/graphql', async (req, res) => {
    const context = await session.open(req, res);
    if (!context) return;
    const parsed = await readJsonBodyOrAnswer400(req, res);
    if (!parsed) return;
    const started = performance.now();
    await executeGraphQLOverHttp(apollo, req, res, parsed.body, async () => context, responseWriter(req, compressMinBytes));
    context.logger.info(
      {
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        userId: context.caller.userId,
        roleProfileId: context.caller.roleProfileId,
      },
      'graphql request',
    );
  });
}
