import type http from 'node:http';
import { bandChartSvg } from './band-chart-svg.js';
import { sendRecorded, type ExportContext } from './answer.js';
import { censusParameter, optional, readParameters } from './query-parameters.js';

/**
 * GET /exports/rtt/performance.svg?organisation=&census=&specialty=: rttPerformance as a bar chart. Its own
 * Content-Security-Policy forbids everything but inline styles, so even opened directly it can run nothing.
 */
export async function performanceSvg(req: http.IncomingMessage, res: http.ServerResponse, context: ExportContext): Promise<void> {
  const query = readParameters(req.url, ['organisation', 'census', 'specialty']);
  const report = await context.reports.performance({
    organisation: optional(query.organisation),
    censusDate: censusParameter(query.census) ?? null,
    specialty: optional(query.specialty),
  });
  await sendRecorded(
    res,
    context,
    {
      'content-type': 'image/svg+xml; charset=utf-8',
      'content-disposition': `inline; filename="rtt-performance-${report.organisation}-${report.censusDate}.svg"`,
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    bandChartSvg(report),
  );
}
