import type { SubgraphRoute } from '@epr/platform';
import type { ExportContext } from './answer.js';
import { ptlCsv } from './ptl-csv.js';
import { performanceCsv } from './performance-csv.js';
import { performanceSvg } from './performance-svg.js';
import { rttReturnCsv } from './rtt-return-csv.js';

/**
 * The care-pathway subgraph's files, for the gateway's /reports/rtt/* (which signs in the user and streams
 * them on). Like resolvers, these are thin: query parameters → a service call → a file.
 */
export const exportRoutes: SubgraphRoute<ExportContext>[] = [
  { path: '/exports/rtt/ptl.csv', handle: ptlCsv },
  { path: '/exports/rtt/performance.csv', handle: performanceCsv },
  { path: '/exports/rtt/performance.svg', handle: performanceSvg },
  { path: '/exports/rtt/rtt-return.csv', handle: rttReturnCsv },
];
