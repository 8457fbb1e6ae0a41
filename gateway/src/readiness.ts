import type { SubgraphRegistry } from './subgraph-registry.js';
import type { CircuitPosition } from './resilience/subgraph-guard.js';

/**
 * - `ready`: every subgraph of the supergraph is ready;
 * - `degraded`: some are not, and the gateway still serves: answers leave out what those subgraphs hold, with
 *   SERVICE_UNAVAILABLE errors on those parts — an orchestrator should keep sending traffic;
 * - `unavailable`: the gateway cannot serve at all (no supergraph loaded, or no subgraph is ready).
 */
export type GatewayReadiness = 'ready' | 'degraded' | 'unavailable';

export interface ReadinessReport {
  status: GatewayReadiness;
  /** Each subgraph's own answer to /health/ready. */
  subgraphs: Record<string, 'ready' | 'unavailable'>;
  /** The gateway's circuit breaker for each subgraph: `open` while calls to it fail at once. */
  circuits: Record<string, CircuitPosition>;
}

/** Asks every subgraph of the current supergraph whether it is ready (its own check includes its database). */
export async function checkSubgraphs(registry: SubgraphRegistry, circuit: (url: string) => CircuitPosition): Promise<ReadinessReport> {
  const entries = registry.all();
  const results = await Promise.all(
    entries.map(async ([name, url]) => {
      const health = new URL('/health/ready', url);
      const ok = await fetch(health, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.ok,
        () => false,
      );
      return [name, ok ? 'ready' : 'unavailable'] as const;
    }),
  );
  const ready = results.filter(([, status]) => status === 'ready').length;
  const status: GatewayReadiness = ready === 0 ? 'unavailable' : ready === results.length ? 'ready' : 'degraded';
  return {
    status,
    subgraphs: Object.fromEntries(results),
    circuits: Object.fromEntries(entries.map(([name, url]) => [name, circuit(url)])),
  };
}
