import { SUBGRAPHS, type Subgraph } from '../db/subgraphs.js';

/**
 * Where each subgraph is served by default: the URL composed into the supergraph and the port `npm start`
 * uses. Operators point the gateway elsewhere with `<NAME>_URL` without recomposing.
 */
export const defaultSubgraphPorts: Record<Subgraph, number> = { patient: 4001, 'care-pathway': 4002, scheduling: 4003, audit: 4004 };

export const subgraphs = SUBGRAPHS.map((name) => ({ name, port: defaultSubgraphPorts[name] }));
