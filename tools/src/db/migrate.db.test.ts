import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { checksumOf } from './checksum.js';
import { subgraphDatabaseUrl } from './connection.js';
import { applyMigrations } from './migrate.js';
import { readMigrations, writeMigration } from './migrations-folder.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { migrationStatus } from './status.js';
import { subgraphNames } from '@epr/platform';
import { postgresSchemaOf, subgraphDatabase, type SubgraphDatabase } from './subgraphs.js';
import { startThrowawayPostgres } from './throwaway-postgres.js';
import type { RunningPostgres } from './embedded-postgres.js';

let server: RunningPostgres;
let database: ScratchDatabase;
const tempDirs: string[] = [];

beforeAll(async () => {
  server = await startThrowawayPostgres();
}, 30_000);
afterAll(async () => {
  await server?.stop();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
beforeEach(async () => {
  database = await createScratchDatabase(server.url, 'test');
});
afterEach(async () => {
  await database.drop();
});

async function query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = [], url = database.url): Promise<R[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A throw-away subgraph layout whose migrations folder holds the given scripts. */
async function fixture(migrations: Record<string, string>): Promise<SubgraphDatabase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'epr-migrations-'));
  tempDirs.push(dir);
  const layout = {
    name: 'fixture',
    postgresSchema: 'fixture',
    schemaFile: path.join(dir, 'schema.prisma'),
    migrationsDir: path.join(dir, 'migrations'),
  };
  for (const [name, script] of Object.entries(migrations)) await writeMigration(layout.migrationsDir, name, script);
  return layout;
}

const migrationFile = (layout: SubgraphDatabase, name: string) => path.join(layout.migrationsDir, name, 'migration.sql');

describe('applyMigrations', () => {
  test('applies every subgraph into its own schema with its own history, and is idempotent', async () => {
    for (const subgraph of subgraphNames) {
      const folder = await readMigrations(subgraphDatabase(subgraph).migrationsDir);
      expect((await applyMigrations(database.url, subgraph)).applied).toEqual(folder.map((m) => m.name));
    }
    for (const subgraph of subgraphNames) {
      expect((await applyMigrations(database.url, subgraph)).applied).toEqual([]);
      expect((await migrationStatus(database.url, subgraph)).pending).toEqual([]);
    }

    for (const subgraph of subgraphNames) {
      const schema = postgresSchemaOf(subgraph);
      const folder = await readMigrations(subgraphDatabase(subgraph).migrationsDir);
      // A set: a migration may drop and re-create a table (the security log became partitioned).
      const created = new Set([
        '_prisma_migrations',
        ...folder.flatMap((m) => [...m.script.matchAll(/CREATE TABLE "([^"]+)"/g)].map((match) => match[1]!)),
      ]);
      const tables = await query<{ table_name: string; partition: boolean }>(
        `SELECT c.relname AS table_name, c.relispartition AS partition FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`,
        [schema],
      );
      // Every table a script creates exists; anything else is a partition (the security log's months).
      expect(
        tables
          .filter((t) => created.has(t.table_name))
          .map((t) => t.table_name)
          .sort(),
      ).toEqual([...created].sort());
      expect(tables.filter((t) => !created.has(t.table_name) && !t.partition)).toEqual([]);

      // Unqualified: the subgraph's URL puts its schema on the search_path.
      const history = await query(
        `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count, logs, rolled_back_at
           FROM _prisma_migrations ORDER BY started_at`,
        [],
        subgraphDatabaseUrl(database.url, subgraph),
      );
      expect(history).toEqual(
        folder.map((m) => ({
          migration_name: m.name,
          checksum: m.checksum,
          finished: true,
          applied_steps_count: 1,
          logs: null,
          rolled_back_at: null,
        })),
      );
    }
    expect(await query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).toEqual([]);
  }, 20_000);

  test("records history in Prisma's own table layout and checksum", async () => {
    const layout = await fixture({ '20260101000000_init': 'CREATE TABLE thing (id INT PRIMARY KEY);\n' });
    await applyMigrations(database.url, layout);

    const columns = await query(
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'fixture' AND table_name = '_prisma_migrations'
        ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', length: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', length: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', length: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', length: null, is_nullable: 'NO', column_default: '0' },
    ]);
    const [row] = await query<{ checksum: string }>('SELECT checksum FROM fixture._prisma_migrations');
    const bytes = await readFile(migrationFile(layout, '20260101000000_init'));
    expect(row?.checksum).toBe(checksumOf(bytes));
    expect(row?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  test('refuses to run when an applied migration was changed, but not over line endings', async () => {
    const layout = await fixture({ '20260101000000_init': 'CREATE TABLE thing (id INT PRIMARY KEY);\n' });
    await applyMigrations(database.url, layout);
    const file = migrationFile(layout, '20260101000000_init');

    await writeFile(file, 'CREATE TABLE thing (id INT PRIMARY KEY);\r\n'); // git on Windows
    expect((await applyMigrations(database.url, layout)).applied).toEqual([]);

    await writeFile(file, 'CREATE TABLE thing (id BIGINT PRIMARY KEY);\n');
    await expect(applyMigrations(database.url, layout)).rejects.toThrow(
      'fixture: applied migrations were changed afterwards (checksum differs): 20260101000000_init.',
    );
    expect((await migrationStatus(database.url, layout)).edited).toEqual(['20260101000000_init']);
  });

  test('a failing migration leaves nothing of itself behind, and later runs apply the corrected one', async () => {
    const layout = await fixture({
      '20260101000000_first': 'CREATE TABLE first (id INT PRIMARY KEY);\n',
      '20260102000000_second':
        'CREATE TABLE second (id INT PRIMARY KEY);\nINSERT INTO second VALUES (1);\nINSERT INTO missing VALUES (1);\n',
    });

    await expect(applyMigrations(database.url, layout)).rejects.toThrow(
      'fixture: migration 20260102000000_second failed and was rolled back (nothing of it applied): ' +
        'relation "missing" does not exist (line 3 of migration.sql)',
    );
    const tables = await query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'fixture' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', 'first']);
    expect(await query('SELECT migration_name FROM fixture._prisma_migrations')).toEqual([{ migration_name: '20260101000000_first' }]);

    await writeFile(migrationFile(layout, '20260102000000_second'), 'CREATE TABLE second (id INT PRIMARY KEY);\n');
    expect((await applyMigrations(database.url, layout)).applied).toEqual(['20260102000000_second']);
  });

  test('refuses a history holding a failed migration that nobody resolved', async () => {
    const layout = await fixture({ '20260101000000_init': 'CREATE TABLE thing (id INT PRIMARY KEY);\n' });
    await applyMigrations(database.url, layout);
    // What a failed native `prisma migrate deploy` leaves behind.
    await query(
      `INSERT INTO fixture._prisma_migrations (id, checksum, migration_name, logs)
       VALUES ('00000000-0000-4000-8000-000000000000', $1, '20260102000000_broken', 'syntax error at or near "TABLEE"')`,
      ['0'.repeat(64)],
    );
    await expect(applyMigrations(database.url, layout)).rejects.toThrow(
      /fixture: migrations failed earlier and were never resolved:\n {2}20260102000000_broken \(started .*\): syntax error/,
    );
  });

  test('refuses a schema that already has tables but no migration history', async () => {
    const layout = await fixture({ '20260101000000_init': 'CREATE TABLE thing (id INT PRIMARY KEY);\n' });
    await query('CREATE SCHEMA fixture; CREATE TABLE fixture.legacy (id INT)');
    await expect(applyMigrations(database.url, layout)).rejects.toThrow('Postgres schema "fixture" has tables but no _prisma_migrations');
  });

  test('two runs at once apply each migration once', async () => {
    const layout = await fixture({
      '20260101000000_slow': 'SELECT pg_sleep(0.3);\nCREATE TABLE thing (id INT PRIMARY KEY);\n',
    });
    const results = await Promise.all([applyMigrations(database.url, layout), applyMigrations(database.url, layout)]);
    expect(results.map((r) => r.applied).sort()).toEqual([[], ['20260101000000_slow']]);
  });
});
