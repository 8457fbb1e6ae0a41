import type http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportedEntry } from '../services/tracking-list-export.js';
import type { ExportContext } from './answer.js';
import { csvChunks, downloadHeaders } from './csv.js';
import { censusParameter, optional, readParameters } from './query-parameters.js';

const columns = [
  { key: 'pathwayId', header: 'pathway_id' },
  { key: 'nhsNumber', header: 'nhs_number' },
  { key: 'specialty', header: 'specialty' },
  { key: 'treatmentFunctionCode', header: 'treatment_function_code' },
  { key: 'priority', header: 'priority' },
  { key: 'clockStartedOn', header: 'clock_start' },
  { key: 'daysWaited', header: 'days_waited' },
  { key: 'weeksWaited', header: 'weeks_waited' },
  { key: 'band', header: 'weeks_band' },
  { key: 'breachDate', header: 'breach_date' },
  { key: 'nextAppointmentAt', header: 'next_appointment' },
  { key: 'decisionToAdmit', header: 'decision_to_admit' },
];

function csvRow(entry: ExportedEntry) {
  return { ...entry, daysWaited: entry.wait.days, weeksWaited: entry.wait.weeks, band: entry.wait.band.label };
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
  await pipeline(Readable.from(csvChunks(columns, all(), csvRow)), res);
}
