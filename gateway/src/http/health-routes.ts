import { sendJson } from '@epr/platform';
import { checkSubgraphs } from '../readiness.js';
import type { SubgraphRegistry } from '../subgraph-registry.js';
import { routeAt, type GatewayRoute } from './route.js';

/** /health/live (the process is up) and /health/ready (every subgraph of the supergraph is ready), for orchestrators. */
export function healthRoutes(registry: SubgraphRegistry): GatewayRoute[] {
  return [
    routeAt('/health/live', async (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' })),
    routeAt('/health/ready', async (_req, res) => {
      const report = await checkSubgraphs(registry);
      sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'unavailable', subgraphs: report.subgraphs });
    }),
  ];
}
