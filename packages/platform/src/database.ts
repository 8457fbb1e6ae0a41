import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { metrics } from './metrics.js';
import { currentRequestScope } from './request-scope.js';
import { beginSpan, failSpan, tracingEnabled, type Span } from './telemetry/tracing.js';

const statementSeconds = metrics.histogram(
  'epr_sql_statement_duration_seconds',
  'SQL statements by connection pool: seconds from sending one to its answer (statements streamed through a cursor are not timed).',
  ['pool'],
);

export interface DatabaseOptions {
  /** Any PostgreSQL URL; the Postgres schema is set separately so one database serves every subgraph. */
  url: string;
  /** The Postgres schema this pool works in (each subgraph owns one). */
  schema: string;
  /** Pool size. Small by default: a subgraph batches its reads, so it needs few connections. */
  maxConnections?: number;
  /** Name shown in pg_stat_activity, so a DBA can tell the subgraphs apart. */
  applicationName: string;
  /** Session settings sent when connecting (e.g. `role`), so they cost no statement. */
  settings?: Record<string, string>;
}

/**
 * A pg pool pinned to one Postgres schema (search_path), counting every statement it sends. The count feeds
 * `/metrics` and the per-request log line, which is how tests and benchmarks prove a batch costs one statement.
 */
export function createPool(options: DatabaseOptions): pg.Pool {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`Invalid Postgres schema name: ${options.schema}`);
  const settings = { search_path: options.schema, ...options.settings };
  for (const [name, value] of Object.entries(settings)) {
    if (!/^[a-z_]+$/.test(name) || !/^[a-z0-9_]+$/.test(value)) throw new Error(`Invalid session setting: ${name}=${value}`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName,
    options: Object.entries(settings)
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(' '),
  });
  const sqlStatements = metrics.counter('epr_sql_statements_total', 'SQL statements sent to PostgreSQL, by connection pool.', {
    pool: options.applicationName,
  });
  const timer = statementSeconds.labels({ pool: options.applicationName });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: typeof query }).query = (...args: unknown[]) => {
      sqlStatements.inc();
      const scope = currentRequestScope();
      if (scope) scope.sqlStatements += 1;
      const started = performance.now();
      const span = tracingEnabled() ? statementSpan(args[0], options.applicationName) : undefined;
      const done = (error?: unknown) => {
        timer.observe((performance.now() - started) / 1000);
        if (error) failSpan(span, error);
        span?.end();
      };
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          done(error);
          (last as (e: unknown, r: unknown) => void)(error, result);
        };
        return query(...args);
      }
      const result = query(...args);
      if (isThenable(result)) result.then(() => done(), done);
      // A submitted cursor streams for as long as its reader reads: counted, not timed.
      else span?.end();
      return result;
    };
  });
  // An idle client's error (e.g. the server restarted) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/** The Prisma driver adapter over a counted pool: Prisma 7 without native engines. */
export function createPrismaAdapter(pool: pg.Pool, schema: string): PrismaPg {
  return new PrismaPg(pool, { schema });
}

/** Prisma reports a unique-constraint violation as P2002, with or without a driver adapter. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** A span for one statement: its SQL text (parameters are never recorded), under whatever span is active. */
function statementSpan(query: unknown, pool: string): Span | undefined {
  const text =
    typeof query === 'string' ? query : typeof query === 'object' && query !== null ? (query as { text?: unknown }).text : undefined;
  const sql = typeof text === 'string' ? text.trim() : '';
  const verb = /^[A-Za-z]+/.exec(sql)?.[0]?.toUpperCase() ?? 'QUERY';
  return beginSpan(`SQL ${verb}`, {
    'db.system.name': 'postgresql',
    'db.query.text': sql.length > 1000 ? `${sql.slice(0, 1000)}…` : sql,
    'epr.pool': pool,
  });
}
