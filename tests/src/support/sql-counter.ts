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

/**
 * Statements `work` costs a subgraph, with the caller's session looked up just before: the gateway asks the
 * directory (the patient subgraph) about a session at most every 3 s, and on a busy machine that look-up would
 * otherwise land inside the measurement whenever the gap between two requests grows past it.
 */
export async function statementsFor(subgraph: Subgraph, token: string, work: () => Promise<unknown>): Promise<number> {
  await fetch(stackState().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const before = await sqlStatements(subgraph);
  await work();
  return (await sqlStatements(subgraph)) - before;
}
