/**
 * The subgraphs the supergraph is composed from, and where each is served by default. Operators point the
 * gateway elsewhere with `<NAME>_URL` without recomposing.
 */
export const subgraphs = [
  { name: 'patient', port: 4001 },
  { name: 'care-pathway', port: 4002 },
  { name: 'scheduling', port: 4003 },
  { name: 'audit', port: 4004 },
] as const;

export type SubgraphName = (typeof subgraphs)[number]['name'];
