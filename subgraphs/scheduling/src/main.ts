import { runSubgraph } from '@epr/platform';
import { schedulingSubgraph } from './subgraph.js';

await runSubgraph(schedulingSubgraph);
