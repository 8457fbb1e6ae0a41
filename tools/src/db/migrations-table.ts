import type pg from 'pg';
import type { MigrationScript } from './migrations-folder.js';

/** A row of `_prisma_migrations`. */
export interface MigrationRecord {
  migrationName: string;
  checksum: string;
  startedAt: Date;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
  logs: string | null;
}

// The statements below name the table with its schema because a migration script may change search_path.

/** Prisma's bookkeeping table, column for column, so Prisma's native `migrate deploy`/`status` read it too. */
export async function createMigrationsTable(client: pg.Client, schema: string): Promise<void> {
  await client.query(`CREATE TABLE ${table(client, schema)} (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
  )`);
}

export async function migrationsTableExists(client: pg.Client, schema: string): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [table(client, schema)]);
  return rows[0]?.exists === true;
}

export async function listMigrationRecords(client: pg.Client, schema: string): Promise<MigrationRecord[]> {
  const { rows } = await client.query<MigrationRecord>(
    `SELECT migration_name AS "migrationName", checksum, started_at AS "startedAt", finished_at AS "finishedAt",
            rolled_back_at AS "rolledBackAt", logs
       FROM ${table(client, schema)} ORDER BY started_at`,
  );
  return rows;
}

/** The row Prisma writes when it starts a migration (its single step not yet counted, not finished). */
export async function recordMigrationStarted(client: pg.Client, schema: string, id: string, migration: MigrationScript): Promise<void> {
  await client.query(
    `INSERT INTO ${table(client, schema)} (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, clock_timestamp())`,
    [id, migration.checksum, migration.name],
  );
}

/** What Prisma records once the script has run: one step applied, and the finish time. */
export async function recordMigrationFinished(client: pg.Client, schema: string, id: string): Promise<void> {
  await client.query(
    `UPDATE ${table(client, schema)} SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
      WHERE id = $1`,
    [id],
  );
}

function table(client: pg.Client, schema: string): string {
  return `${client.escapeIdentifier(schema)}._prisma_migrations`;
}
