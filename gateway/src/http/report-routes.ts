import { errorBody, ErrorCode, sendJson } from '@epr/platform';
import type { ReportExports } from '../report-exports.js';
import type { GatewayRoute } from './route.js';
import type { SessionDoor } from './session.js';

/** The files under /reports/rtt/ (README "Reporting exports"); each is made by the care-pathway subgraph. */
const files = new Set(['ptl.csv', 'performance.csv', 'performance.svg', 'rtt-return.csv']);
const prefix = '/reports/rtt/';

// The parameters are an ODS code, a date or month and perhaps a specialty: a longer query string is not a report.
const maxQueryLength = 1_000;

/**
 * GET /reports/rtt/{ptl.csv, performance.csv, performance.svg, rtt-return.csv}: signed in at the same session
 * door as GraphQL (so rate limits and sign-in checks apply alike), then streamed from the care-pathway
 * subgraph, which checks the parameters, decides what the caller may see and records it.
 */
export function reportRoutes(session: SessionDoor, exports: ReportExports): GatewayRoute {
  return {
    matches: (path, method) => method === 'GET' && path.startsWith(prefix) && files.has(path.slice(prefix.length)),
    handle: async (req, res) => {
      const context = await session.open(req, res);
      if (!context) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.search.length > maxQueryLength) {
        return sendJson(res, 400, errorBody('The query string is too long for a report.', ErrorCode.BadUserInput));
      }
      const started = performance.now();
      await exports.pipe(url.pathname.slice(prefix.length), url.search, context, res);
      context.logger.info(
        { file: url.pathname, status: res.statusCode, ms: Math.round(performance.now() - started), userId: context.caller.userId },
        'report export',
      );
    },
  };
}
