import type http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportedEntry } from '../services/tracking-list-export.js';
import type { ExportContext } from './answer.js';
import { csvChunks, downloadHeaders } from './csv.js';
import { censusParameter, optional, readParameters } from './query-parameters.js';

// 85 MB (a million-pathway trust) takes about 12 minutes at 1 Mbit/s.
const maxExportMs = 20 * 60_000;

// The file's columns, and each row's cells in the same order (arrays: csv-stringify writes them without
// looking keys up, which matters at a million rows).
const columns = [
  'pathway_id',
  'nhs_number',
  'specialty',
  'treatment_function_code',
  'priority',
  'clock_start',
  'days_waited',
  'weeks_waited',
  'weeks_band',
  'breach_date',
  'next_appointment',
  'decision_to_admit',
];

function csvRow(entry: ExportedEntry): unknown[] {
  return [
    entry.pathwayId,
    entry.nhsNumber,
    entry.specialty,
    entry.treatmentFunctionCode,
    entry.priority,
    entry.clockStartedOn,
    entry.wait.days,
    entry.wait.weeks,
    entry.wait.band.label,
    entry.breachDate,
    entry.nextAppointmentAt,
    entry.decisionToAdmit,
  ];
}

/**
 * GET /exports/rtt/ptl.csv?organisation=&census=&specialty=: the whole patient tracking list as CSV, streamed
 * from one database cursor. The first batch is read (and recorded) before the answer starts, so a refusal or an
 * unavailable log is a proper HTTP error; after that, a client that goes away stops the cursor.
 */
export async function ptlCsv(req: http.IncomingMessage, res: http.ServerResponse, { reports }: ExportContext): Promise<void> {
  const query = readParameters(req.url, ['organisation', 'census', 'specialty']);
  const { organisation, censusDate, batches } = await reports.exportTrackingList({
    organisation: optional(query.organisation),
    censusDate: censusParameter(query.census) ?? null,
    specialty: optional(query.specialty),
  });
  const first = await batches.next();
  async function* all() {
    try {
      if (!first.done) yield first.value;
      yield* batches;
    } finally {
      await batches.return(undefined);
    }
  }
  res.writeHead(200, downloadHeaders('text/csv; charset=utf-8', `ptl-${organisation}-${censusDate}.csv`));
  // A download that crawls must not hold its snapshot and connection for ever (old row versions pile up).
  const deadline = setTimeout(() => res.destroy(new Error('the export took longer than its limit')), maxExportMs);
  try {
    await pipeline(Readable.from(csvChunks(columns, all(), csvRow)), res);
  } finally {
    clearTimeout(deadline);
  }
}
