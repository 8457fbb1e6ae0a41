import type { SubgraphRegistry } from './subgraph-registry.js';

export interface ReadinessReport {
  ready: boolean;
  subgraphs: Record<string, 'ready' | 'unavailable'>;
}

/** Ready when every subgraph of the current supergraph says it is ready (its own check includes its database). */
export async function checkSubgraphs(registry: SubgraphRegistry): Promise<ReadinessReport> {
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
  return { ready: entries.length > 0 && results.every(([, s]) => s === 'ready'), subgraphs: Object.fromEntries(results) };
}
