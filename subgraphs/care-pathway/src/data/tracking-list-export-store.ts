import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { Purpose } from '@epr/policy';
import { serviceUnavailable } from '@epr/platform';
import { Prisma } from '../__generated__/prisma/client.js';
import type { CalendarDate } from '../domain/rtt/calendar-date.js';
import { trackingListSql, type ReportScope, type TrackingListRow } from './rtt-report-store.js';

/** One open clock of an exported tracking list, with what other subgraphs hold about it when asked for. */
export interface ExportedClockRow extends TrackingListRow {
  /** Null when not asked for, or the patient has none (a temporary identity). */
  nhsNumber: string | null;
  /** The next booked appointment still to come (ISO 8601, UTC); null when not asked for or none is booked. */
  nextAppointmentAt: string | null;
}

// A trust's whole list (750,000 open clocks) sorts in memory within this; a longer one spills to disk, slower
// but still correct. At most two exports run at once per process (see the constructor).
const sortMemory = '192MB';

/** Which columns from other subgraphs to read: only those the caller's role may see are ever selected. */
export interface ExportJoins {
  nhsNumber: boolean;
  nextAppointment: boolean;
}

/**
 * A whole tracking list as one statement read through a PostgreSQL cursor, `batchSize` rows at a time: memory
 * stays flat however long the list, and the list is one snapshot. The NHS number and the next appointment come
 * from the read-only views the patient and scheduling subgraphs own for reports (`patient.reporting_nhs_number`,
 * `scheduling.reporting_next_appointment`), joined in the same statement rather than asked for row by row.
 *
 * An export holds a connection of the subgraph's pool while it streams, so few run at once; one more is refused
 * (SERVICE_UNAVAILABLE) rather than queued, leaving the pool to GraphQL.
 */
export class TrackingListExportStore {
  private running = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxConcurrentExports: number,
  ) {}

  async *batches(
    scope: ReportScope,
    census: CalendarDate,
    purpose: Purpose,
    joins: ExportJoins,
    batchSize: number,
  ): AsyncGenerator<ExportedClockRow[], void, undefined> {
    if (this.running >= this.maxConcurrentExports) {
      throw serviceUnavailable(`${this.running} exports are running, the most this service runs at once. Try again in a minute.`);
    }
    this.running += 1;
    let client: pg.PoolClient | undefined;
    let failure: Error | undefined;
    try {
      client = await this.pool.connect();
      // Read-only, and with memory enough to sort a large trust's list without spilling it to disk.
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL work_mem = '${sortMemory}'`);
      const statement = trackingListSql(scope, census, purpose, columns(joins), joinsSql(joins), Prisma.empty);
      const cursor = client.query(new Cursor<ExportedClockRow>(statement.text, statement.values));
      try {
        for (;;) {
          const rows = await cursor.read(batchSize);
          if (rows.length === 0) return;
          yield rows;
        }
      } finally {
        // Also when the consumer stops early (the client went away): the portal is closed, the connection reused.
        await cursor.close();
        await client.query('COMMIT');
      }
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      // A connection that failed mid-cursor is destroyed rather than returned to the pool.
      client?.release(failure);
      this.running -= 1;
    }
  }
}

function columns(joins: ExportJoins): Prisma.Sql {
  return Prisma.sql`,
      ${joins.nhsNumber ? Prisma.sql`id.nhs_number` : Prisma.sql`NULL::text`} AS "nhsNumber",
      ${joins.nextAppointment ? Prisma.sql`to_char(na.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')` : Prisma.sql`NULL::text`} AS "nextAppointmentAt"`;
}

function joinsSql(joins: ExportJoins): Prisma.Sql {
  return Prisma.sql`
      ${joins.nhsNumber ? Prisma.sql`LEFT JOIN patient.reporting_nhs_number id ON id.patient_id = p.patient_id` : Prisma.empty}
      ${joins.nextAppointment ? Prisma.sql`LEFT JOIN scheduling.reporting_next_appointment na ON na.pathway_id = p.pathway_id` : Prisma.empty}`;
}
