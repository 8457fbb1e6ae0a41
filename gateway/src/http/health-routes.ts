import { sendJson } from '@epr/platform';
import { checkSubgraphs } from '../readiness.js';
import type { SubgraphRegistry } from '../subgraph-registry.js';
import type { SubgraphFetcher } from '../subgraph-fetcher.js';
import { routeAt, type GatewayRoute } from './route.js';

/**
 * /health/live (the process is up) and /health/ready for orchestrators: 200 `ready`, 200 `degraded` (some
 * subgraphs down, still serving the rest: keep routing traffic here), 503 `unavailable` (nothing can be served).
 */
export function healthRoutes(registry: SubgraphRegistry, subgraphs: Pick<SubgraphFetcher, 'circuit'>): GatewayRoute[] {
  return [
    routeAt('/health/live', async (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' })),
    routeAt('/health/ready', async (_req, res) => {
      const report = await checkSubgraphs(registry, subgraphs.circuit);
      sendJson(res, report.status === 'unavailable' ? 503 : 200, report);
    }),
  ];
}
