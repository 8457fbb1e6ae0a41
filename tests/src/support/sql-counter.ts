import type { Subgraph } from '@epr/tools/db/subgraphs';
import { stackState } from './stack-state.js';

/**
 * SQL statements a subgraph has sent so far from one of its pools (its own data, or its audit writer), read
 * from its /metrics endpoint.
 */
export async function sqlStatements(subgraph: Subgraph, pool: 'data' | 'audit' = 'data'): Promise<number> {
  const metricsUrl = new URL('/metrics', stackState().subgraphUrls[subgraph]);
  const text = await (await fetch(metricsUrl)).text();
  const series = pool === 'data' ? `epr-${subgraph}` : `epr-${subgraph}-audit`;
  const match = new RegExp(`^epr_sql_statements_total\\{pool="${series}"\\} (\\d+)$`, 'm').exec(text);
  if (!match) throw new Error(`${subgraph} /metrics has no epr_sql_statements_total for pool ${series}`);
  return Number(match[1]);
}
