import type pg from 'pg';
import { preparedRead } from '@epr/platform';
import { Prisma } from '../__generated__/prisma/client.js';
import type { Db } from './prisma.js';
import type { EventQuery } from '../domain/event-query.js';
import type { EventPosition } from '../domain/cursor.js';

/** An event of the security log as the API reads it (the chain hashes are the verifier's business). */
export interface AccessEventRecord {
  seq: bigint;
  occurredAt: Date;
  subgraph: string;
  action: string;
  outcome: 'ALLOWED' | 'DENIED';
  userId: string;
  roleProfileId: string;
  jobRoleCode: string;
  organisation: string;
  cardSerial: string | null;
  patientId: string | null;
  category: string | null;
  items: string[];
  basisKind: string | null;
  basisDetail: string | null;
  requestId: string;
  correlationId: string | null;
}

const columns = Prisma.sql`
  e.seq, e.occurred_at AS "occurredAt", e.subgraph, e.action, e.outcome::text AS outcome, e.user_id AS "userId",
  e.role_profile_id AS "roleProfileId", e.job_role_code AS "jobRoleCode", e.organisation, e.card_serial AS "cardSerial",
  e.patient_id::text AS "patientId", e.category, coalesce(e.items, '{}') AS items, e.basis_kind AS "basisKind",
  e.basis_detail AS "basisDetail", e.request_id AS "requestId", e.correlation_id AS "correlationId"`;

// A patient's latest events as a viewer may see them: every patient summary asks (preparedRead says why not Prisma).
// The driver gives int8 as text; `seq` becomes a bigint as Prisma gives it.
const latestOfPatients = preparedRead<Omit<AccessEventRecord, 'seq'> & { seq: string }>(
  'epr-latest-access-events',
  `SELECT ${columns.text} FROM audit.latest_access_events($1::uuid[], $2::int, $3::text[], $4::timestamptz, $5::bigint) e`,
);

/** Who is reading the log: rows naming an item hidden from others are shown only to those they name. */
export interface LogViewer {
  userId: string;
  teamIds: readonly string[];
}

/**
 * A row that names an item hidden from others (a sealed-and-locked item, one hidden by do-not-share or
 * nominations) lists who alone may see it — the item's authoring team and author; for everyone else it is not there.
 */
function visibleTo(viewer: LogViewer) {
  return Prisma.sql`(e.visible_to IS NULL OR e.visible_to && ${[viewer.userId, ...viewer.teamIds]}::text[])`;
}

/**
 * Reads of the security log, most recent first: (occurred_at, seq) descending, which every index of the table
 * serves, and which lets PostgreSQL skip the monthly partitions a period excludes.
 */
export class AccessEventStore {
  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
  ) {}

  find(query: EventQuery, viewer: LogViewer): Promise<AccessEventRecord[]> {
    const conditions = [
      visibleTo(viewer),
      query.patientId ? Prisma.sql`e.patient_id = ${query.patientId}::uuid` : null,
      query.userId ? Prisma.sql`e.user_id = ${query.userId}` : null,
      query.from ? Prisma.sql`e.occurred_at >= ${query.from}` : null,
      query.to ? Prisma.sql`e.occurred_at < ${query.to}` : null,
      query.outcome ? Prisma.sql`e.outcome = ${query.outcome}::access_outcome` : null,
      query.requestId ? Prisma.sql`e.request_id = ${query.requestId}` : null,
      query.correlationId ? Prisma.sql`e.correlation_id = ${query.correlationId}` : null,
      query.before ? before(query.before) : null,
    ].filter((condition) => condition !== null);
    return this.db.$queryRaw<AccessEventRecord[]>`
      SELECT ${columns} FROM access_event e
       ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty}
       ORDER BY e.occurred_at DESC, e.seq DESC
       LIMIT ${query.limit}`;
  }

  /**
   * The latest `limit` events of each patient (before a position, when paging), in one statement. Through
   * `audit.latest_access_events` (its migration says why): it reads `limit` rows of each patient's index however long
   * their log, where the plain query sorted the whole log.
   */
  async latestForPatients(
    patientIds: readonly string[],
    limit: number,
    viewer: LogViewer,
    position?: EventPosition,
  ): Promise<AccessEventRecord[]> {
    const rows = await latestOfPatients(this.pool, [
      patientIds,
      limit,
      [viewer.userId, ...viewer.teamIds],
      position?.occurredAt ?? null,
      position?.seq.toString() ?? null,
    ]);
    return rows.map((row) => ({ ...row, seq: BigInt(row.seq) }));
  }

  /** Events by sequence number (an alert's event), in one statement. */
  bySeq(seqs: readonly bigint[]): Promise<AccessEventRecord[]> {
    return this.db.$queryRaw<AccessEventRecord[]>`SELECT ${columns} FROM access_event e WHERE e.seq = ANY(${[...seqs]}::bigint[])`;
  }
}

function before(position: EventPosition) {
  return Prisma.sql`(e.occurred_at, e.seq) < (${position.occurredAt}::timestamptz, ${position.seq}::bigint)`;
}
