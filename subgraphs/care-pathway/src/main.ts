import { runSubgraph } from '@epr/platform';
import { carePathwaySubgraph } from './subgraph.js';

await runSubgraph(carePathwaySubgraph);
