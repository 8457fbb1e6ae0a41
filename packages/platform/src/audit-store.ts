import type pg from 'pg';
import { loadAuditKey } from '@epr/identity';
import { createPool } from './database.js';
import { queryPool, rawSql, sql, type Sql, type SqlExecutor } from './sql.js';
import { metrics } from './metrics.js';

const requestsPerAppend = metrics.histogram(
  'epr_security_log_requests_per_append',
  'Requests whose events one append to the security log carried (group commit: more under load).',
  [],
  [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 200],
);

/** One event as `audit.append_access_events` takes it (column names); the database adds seq, time and hashes. */
export interface AuditEventRow {
  subgraph: string;
  action: string;
  outcome: 'ALLOWED' | 'DENIED';
  user_id: string;
  role_profile_id: string;
  job_role_code: string;
  organisation: string;
  card_serial: string | null;
  session_id: string | null;
  patient_id: string | null;
  category: string | null;
  items: string[];
  basis_kind: string | null;
  basis_detail: string | null;
  /** The gateway's id for the request. */
  request_id: string;
  /** The id the client sent with the request (its `x-request-id`), if any. */
  correlation_id: string | null;
  /** Care team ids and user ids who alone may see the row; null: everyone who may read the log. */
  visible_to: string[] | null;
}

/** Where a subgraph's access records go. */
export interface AuditStore {
  /** Appends one request's events in one round trip; rejects if they were not durably written. */
  append(events: AuditEventRow[]): Promise<void>;
  /** Appends events inside a write's own transaction, as the writer role; rejects if the log refuses them. */
  appendWithin(run: SqlExecutor, events: AuditEventRow[]): Promise<void>;
  close(): Promise<void>;
}

export interface AuditStoreConfig {
  /** A login that is a member of the writer role (in development, the subgraphs' own DATABASE_URL). */
  databaseUrl: string;
  /** The HMAC key that chains the log; it is sent with each append and never stored in the database. */
  key: Buffer;
}

/** The only database role the audit pool works as: it may execute the append function and nothing else. */
export const AUDIT_WRITER_ROLE = 'epr_audit_writer';

/**
 * The security log settings from the environment: the HMAC key (`AUDIT_HMAC_KEY` as hex, or the file
 * `AUDIT_HMAC_KEY_FILE`) and an optional `AUDIT_DATABASE_URL` (default `DATABASE_URL`).
 */
export async function readAuditStoreConfig(env: NodeJS.ProcessEnv, databaseUrl: string): Promise<AuditStoreConfig> {
  const key = await loadAuditKey(env);
  if (!key) {
    throw new Error('Set AUDIT_HMAC_KEY (hex) or AUDIT_HMAC_KEY_FILE: the key that chains the security log, kept outside the database.');
  }
  return { databaseUrl: env['AUDIT_DATABASE_URL'] ?? databaseUrl, key };
}

/** Requests whose events one append may carry; enough to absorb a burst, small enough to stay one quick statement. */
const MAX_REQUESTS_PER_APPEND = 200;

/**
 * Appends through `audit.append_access_events`, which chains each event to the one before it. Group commit:
 * one append is in flight at a time; requests that finish meanwhile wait and go together in the next one.
 * Every request still waits until its own events are committed, so fail-closed holds, but under load the
 * chain head is locked (and the WAL flushed) once per batch of requests rather than once per request.
 */
export class ChainedAuditStore implements AuditStore {
  private readonly pool: pg.Pool;
  private readonly key: Buffer;
  private readonly waiting: { events: AuditEventRow[]; settle: (error?: unknown) => void }[] = [];
  private appending = false;

  constructor(config: AuditStoreConfig, subgraph: string) {
    this.key = config.key;
    this.pool = createPool({
      url: config.databaseUrl,
      schema: 'audit',
      maxConnections: 1,
      applicationName: `epr-${subgraph}-audit`,
      // A stuck append must fail the request (closed), not hold it forever.
      settings: { role: AUDIT_WRITER_ROLE, statement_timeout: '15s' },
    });
  }

  append(events: AuditEventRow[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        events,
        settle: (error) =>
          error === undefined
            ? resolve()
            : reject(error instanceof Error ? error : new Error('the security log append failed', { cause: error })),
      });
      void this.drain();
    });
  }

  /**
   * The write's connection takes the writer role for the rest of its transaction (`SET LOCAL`), so the append is
   * checked exactly as the audit pool's would be — a log whose append is revoked refuses it, whoever connected —
   * and calls the append function last: the chain head stays locked only until the write commits.
   */
  async appendWithin(run: SqlExecutor, events: AuditEventRow[]): Promise<void> {
    await run(sql`SET LOCAL ROLE ${rawSql(AUDIT_WRITER_ROLE)}`);
    await run(this.appendStatement(events));
  }

  private appendStatement(events: AuditEventRow[]): Sql {
    return sql`SELECT audit.append_access_events(${JSON.stringify(events)}::jsonb, ${this.key}::bytea)`;
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async drain(): Promise<void> {
    if (this.appending || this.waiting.length === 0) return;
    this.appending = true;
    const batch = this.waiting.splice(0, MAX_REQUESTS_PER_APPEND);
    requestsPerAppend.observe(batch.length);
    try {
      const events = batch.flatMap((request) => request.events);
      await queryPool(this.pool, this.appendStatement(events));
      for (const request of batch) request.settle();
    } catch (error) {
      for (const request of batch) request.settle(error);
    } finally {
      this.appending = false;
      void this.drain();
    }
  }
}
