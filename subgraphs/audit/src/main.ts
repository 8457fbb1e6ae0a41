import { runSubgraph } from '@epr/platform';
import { auditSubgraph } from './subgraph.js';

await runSubgraph(auditSubgraph);
