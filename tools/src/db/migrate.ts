import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { planMigrations, type MigrationPlan } from './migration-plan.js';
import { readMigrations, type MigrationScript } from './migrations-folder.js';
import {
  createMigrationsTable,
  listMigrationRecords,
  migrationsTableExists,
  recordMigrationFinished,
  recordMigrationStarted,
} from './migrations-table.js';
import { connectClient } from './pg-client.js';
import { subgraphDatabase, type SubgraphDatabase, type SubgraphTarget } from './subgraphs.js';

/*
 * `prisma migrate deploy` for one subgraph, implemented here with plain SQL rather than through
 * @prisma/schema-engine-wasm's applyMigrations. Deploying needs nothing but SQL and Prisma's bookkeeping table, and
 * owning it lets us (1) create the subgraph's Postgres schema first, (2) run each migration inside a transaction
 * together with its bookkeeping row, so a failure leaves nothing half-applied (Prisma would leave a failed row that
 * blocks every later deploy until someone resolves it by hand), (3) refuse a history whose applied migrations were
 * edited, which Prisma's deploy does not check, and (4) keep the production path free of a WebAssembly engine that
 * must match Prisma's version. The table, its rows and the checksums are Prisma's, so where the native engine is
 * available `prisma migrate deploy` / `migrate status` agree with what this wrote.
 *
 * Because every migration runs inside BEGIN ... COMMIT, a statement PostgreSQL refuses inside a transaction block
 * (CREATE INDEX CONCURRENTLY, ...) cannot be used in a migration here.
 */

export interface MigrateResult {
  /** Names of the migrations applied by this call, in order; empty when the schema was already up to date. */
  applied: string[];
}

// Prisma's own advisory-lock key for migrations, so this tool and a native `prisma migrate deploy` exclude each other.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;
const LOCK_WAIT = '60s';

export async function applyMigrations(databaseUrl: string, target: SubgraphTarget): Promise<MigrateResult> {
  const database = subgraphDatabase(target);
  const migrations = await readMigrations(database.migrationsDir);
  const client = await connectClient(databaseUrl, 'epr-migrate');
  try {
    // Held until client.end(): PostgreSQL releases a session's advisory locks when it ends, even if we crash.
    await acquireMigrationLock(client);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${client.escapeIdentifier(database.postgresSchema)}`);
    await ensureMigrationsTable(client, database);
    const plan = planMigrations(migrations, await listMigrationRecords(client, database.postgresSchema));
    assertHistoryIntact(database, plan);
    for (const migration of plan.pending) await applyOne(client, database, migration);
    return { applied: plan.pending.map((migration) => migration.name) };
  } finally {
    await client.end();
  }
}

async function acquireMigrationLock(client: pg.Client): Promise<void> {
  await client.query(`SET lock_timeout = '${LOCK_WAIT}'`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  } catch (error) {
    if ((error as { code?: string }).code !== '55P03') throw error;
    throw new Error(`Another migration run has held the migration lock for over ${LOCK_WAIT}; is one stuck?`, {
      cause: error,
    });
  }
  await client.query('RESET lock_timeout');
}

async function ensureMigrationsTable(client: pg.Client, database: SubgraphDatabase): Promise<void> {
  if (await migrationsTableExists(client, database.postgresSchema)) return;
  const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM pg_tables WHERE schemaname = $1', [database.postgresSchema]);
  if (Number(rows[0]?.count) > 0) {
    // Prisma's P3005: tables no migration created mean the history cannot tell what is already there.
    throw new Error(
      `Postgres schema "${database.postgresSchema}" has tables but no _prisma_migrations, so which migrations it ` +
        'already contains is unknown. Use an empty schema, or baseline it (https://pris.ly/d/migrate-baseline).',
    );
  }
  await createMigrationsTable(client, database.postgresSchema);
}

function assertHistoryIntact(database: SubgraphDatabase, plan: MigrationPlan): void {
  if (plan.failed.length > 0) {
    const details = plan.failed.map((f) => `  ${f.migrationName} (started ${f.startedAt.toISOString()})${logLine(f.logs)}`);
    const table = `"${database.postgresSchema}"._prisma_migrations`;
    throw new Error(
      `${database.name}: migrations failed earlier and were never resolved:\n${details.join('\n')}\n` +
        'Undo whatever part of them was applied, then mark them rolled back (as prisma migrate resolve ' +
        `--rolled-back would): UPDATE ${table} SET rolled_back_at = now() WHERE finished_at IS NULL;`,
    );
  }
  if (plan.edited.length > 0) {
    throw new Error(
      `${database.name}: applied migrations were changed afterwards (checksum differs): ${plan.edited.join(', ')}. ` +
        'Restore their migration.sql as applied and put the change in a new migration.',
    );
  }
}

async function applyOne(client: pg.Client, database: SubgraphDatabase, migration: MigrationScript): Promise<void> {
  await client.query('BEGIN');
  try {
    // LOCAL: each migration starts in the subgraph's schema even if an earlier script changed search_path.
    await client.query(`SET LOCAL search_path TO ${client.escapeIdentifier(database.postgresSchema)}`);
    const id = randomUUID();
    await recordMigrationStarted(client, database.postgresSchema, id, migration);
    await client.query(migration.script);
    await recordMigrationFinished(client, database.postgresSchema, id);
    await client.query('COMMIT');
  } catch (error) {
    // If the connection itself broke, the server has already discarded the transaction.
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(
      `${database.name}: migration ${migration.name} failed and was rolled back (nothing of it applied): ` +
        `${(error as Error).message}${whereInScript(migration.script, error)}`,
      { cause: error },
    );
  }
}

/** " (line N of migration.sql)", from the character position PostgreSQL reports for syntax and similar errors. */
function whereInScript(script: string, error: unknown): string {
  const position = Number((error as { position?: string }).position);
  if (!Number.isInteger(position) || position < 1) return '';
  const line = script.slice(0, position - 1).split('\n').length;
  return ` (line ${line} of migration.sql)`;
}

function logLine(logs: string | null): string {
  const firstLine = logs?.trim().split('\n')[0];
  return firstLine ? `: ${firstLine}` : '';
}
