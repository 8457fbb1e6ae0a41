import { groupMetrics, metrics } from '@epr/platform';
import { routeAt, type GatewayRoute } from './route.js';

/**
 * GET /metrics: Prometheus metrics of the whole gateway (with several workers, summed over them). For the
 * monitoring network: the load balancer in front of the gateway should not route it from outside.
 */
export function metricsRoute(): GatewayRoute {
  return routeAt(
    '/metrics',
    async (_req, res) => {
      const text = await groupMetrics();
      res.writeHead(200, { 'content-type': metrics.contentType });
      res.end(text);
    },
    ['GET'],
  );
}
