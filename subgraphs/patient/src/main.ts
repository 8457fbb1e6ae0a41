import { runSubgraph } from '@epr/platform';
import { patientSubgraph } from './subgraph.js';

await runSubgraph(patientSubgraph);
