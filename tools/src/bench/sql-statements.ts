/**
 * SQL statements the subgraphs have sent so far, all pools together (data, audit, policy), read from each
 * subgraph's /metrics. The difference across a run, divided by its requests, is statements per operation.
 */
export async function sqlStatementsSoFar(subgraphUrls: Record<string, string>): Promise<number> {
  let total = 0;
  for (const url of Object.values(subgraphUrls)) {
    const text = await (await fetch(new URL('/metrics', url))).text();
    for (const match of text.matchAll(/^epr_sql_statements_total\{[^}]*\} (\d+)$/gm)) total += Number(match[1]);
  }
  return total;
}
