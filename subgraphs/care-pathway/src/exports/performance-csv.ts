import type http from 'node:http';
import { bandAt, lastBandIndex } from '../domain/rtt/waiting-time.js';
import type { IncompleteSummary } from '../domain/rtt/rtt-report.js';
import { sendCsv, type ExportContext } from './answer.js';
import { censusParameter, optional, readParameters } from './query-parameters.js';

const bandLabels = Array.from({ length: lastBandIndex + 1 }, (_, index) => bandAt(index).label);

const columns = [
  { key: 'organisation', header: 'organisation' },
  { key: 'censusDate', header: 'census_date' },
  { key: 'specialty', header: 'specialty' },
  { key: 'incompletePathways', header: 'incomplete_pathways' },
  { key: 'within18Weeks', header: 'within_18_weeks' },
  { key: 'percentWithin18Weeks', header: 'percent_within_18_weeks' },
  { key: 'meetsStandard', header: 'meets_standard' },
  { key: 'withDecisionToAdmit', header: 'with_decision_to_admit' },
  ...bandLabels.map((label) => ({ key: `band:${label}`, header: label })),
];

/** Wait bands as columns (`0-1` … `>104`), empty bands as 0. */
function bandCells(summary: IncompleteSummary): Record<string, number> {
  const cells = Object.fromEntries(bandLabels.map((label) => [`band:${label}`, 0]));
  for (const { band, pathways } of summary.bands) cells[`band:${band.label}`] = pathways;
  return cells;
}

/**
 * GET /exports/rtt/performance.csv?organisation=&census=&specialty=: the % within 18 weeks as rttPerformance
 * gives it — the provider's line first (`All specialties`), then one line per specialty — with open pathways
 * by weekly band as columns.
 */
export async function performanceCsv(req: http.IncomingMessage, res: http.ServerResponse, context: ExportContext): Promise<void> {
  const query = readParameters(req.url, ['organisation', 'census', 'specialty']);
  const { overall, specialties } = await context.reports.performanceBySpecialty({
    organisation: optional(query.organisation),
    censusDate: censusParameter(query.census) ?? null,
    specialty: optional(query.specialty),
  });
  const line = (specialty: string, summary: IncompleteSummary) => ({
    organisation: overall.organisation,
    censusDate: overall.censusDate,
    ...summary,
    specialty,
    ...bandCells(summary),
  });
  const rows = [line('All specialties', overall), ...specialties.map((s) => line(s.specialty, s))];
  await sendCsv(res, context, `rtt-performance-${overall.organisation}-${overall.censusDate}.csv`, columns, rows);
}
