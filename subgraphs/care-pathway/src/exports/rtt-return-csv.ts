import type http from 'node:http';
import { badUserInput } from '@epr/platform';
import { periodLabel, type ReturnRow } from '../domain/rtt/rtt-return.js';
import { lastBandIndex } from '../domain/rtt/waiting-time.js';
import { sendCsv, type ExportContext } from './answer.js';
import { optional, readParameters } from './query-parameters.js';

/** The national extract's band headers: `Gt 00 To 01 Weeks SUM 1` … `Gt 103 To 104 Weeks SUM 1`, `Gt 104 Weeks SUM 1`. */
const bandHeaders = Array.from({ length: lastBandIndex + 1 }, (_, index) =>
  index === lastBandIndex
    ? `Gt ${lastBandIndex} Weeks SUM 1`
    : `Gt ${String(index).padStart(2, '0')} To ${String(index + 1).padStart(2, '0')} Weeks SUM 1`,
);

const columns = [
  'Period',
  'Provider Org Code',
  'RTT Part Type',
  'RTT Part Description',
  'Treatment Function Code',
  'Treatment Function Name',
  ...bandHeaders,
  'Total',
  'Patients with unknown clock start date',
  'Total All',
];

/**
 * A line of the file. Parts 1a–2a are banded: every clock start is known here, so the unknown column is 0 and
 * Total All equals Total. Part 3 (new periods) is a count only, in Total All, as in the national extract.
 */
function line(period: string, organisation: string, row: ReturnRow): Record<string, string | number> {
  const banded = row.bands !== null;
  return {
    Period: period,
    'Provider Org Code': organisation,
    'RTT Part Type': row.part.type,
    'RTT Part Description': row.part.description,
    'Treatment Function Code': row.line.code,
    'Treatment Function Name': row.line.name,
    ...Object.fromEntries(bandHeaders.map((header, index) => [header, row.bands?.[index] ?? ''])),
    Total: banded ? row.total : '',
    'Patients with unknown clock start date': banded ? 0 : '',
    'Total All': row.total,
  };
}

/**
 * GET /exports/rtt/rtt-return.csv?organisation=&month=YYYY-MM: the monthly RTT return by treatment function in
 * the layout of NHS England's published extract (one line per part and treatment function, weekly bands as
 * columns), for one provider and not split by commissioner (README "Reporting exports" lists the columns).
 */
export async function rttReturnCsv(req: http.IncomingMessage, res: http.ServerResponse, context: ExportContext): Promise<void> {
  const query = readParameters(req.url, ['organisation', 'month']);
  if (query.month === undefined) throw badMonth();
  const report = await context.reports.monthlyReturn({ organisation: optional(query.organisation), month: query.month });
  const period = periodLabel(report.month);
  await sendCsv(
    res,
    context,
    `rtt-return-${report.organisation}-${report.month}.csv`,
    columns,
    report.rows.map((row) => line(period, report.organisation, row)),
  );
}

function badMonth() {
  return badUserInput('Give the month of the return as month=YYYY-MM, for example month=2026-04.', 'month');
}
