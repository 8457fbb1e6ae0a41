import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createMigration } from './create-migration.js';
import type { RunningPostgres } from './embedded-postgres.js';
import { applyMigrations } from './migrate.js';
import { createScratchDatabase } from './scratch-database.js';
import type { SubgraphDatabase } from './subgraphs.js';
import { startThrowawayPostgres } from './throwaway-postgres.js';

// A datamodel of the tests' own, so the tests do not depend on the subgraphs' schemas, which change.
const DATAMODEL = `datasource db {
  provider = "postgresql"
}

enum Priority {
  ROUTINE
  URGENT

  @@map("priority")
}

model Referral {
  id         String   @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  specialty  String
  priority   Priority
  receivedOn DateTime @map("received_on") @db.Date

  @@index([receivedOn])
  @@map("referral")
}
`;

let server: RunningPostgres;
let project: SubgraphDatabase;
let projectDir: string;

beforeAll(async () => {
  server = await startThrowawayPostgres();
}, 30_000);
afterAll(async () => {
  await server?.stop();
});
beforeEach(async () => {
  projectDir = await mkdtemp(path.join(os.tmpdir(), 'epr-prisma-'));
  project = {
    name: 'fixture',
    postgresSchema: 'fixture',
    schemaFile: path.join(projectDir, 'schema.prisma'),
    migrationsDir: path.join(projectDir, 'migrations'),
  };
  await writeFile(project.schemaFile, DATAMODEL);
});
afterEach(async () => {
  await rm(projectDir, { recursive: true, force: true });
});

const migrationFolders = async () =>
  (await readdir(project.migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

async function scratchDatabasesLeft(): Promise<string[]> {
  const client = new pg.Client(server.url);
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'scratch_migration_replay_%'",
    );
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

async function createdMigration(name: string) {
  const result = await createMigration(server.url, project, name);
  if (!result.created) throw new Error(`expected createMigration("${name}") to write a migration`);
  return result;
}

describe('createMigration', () => {
  test('writes the first migration and the lock file, then nothing while the datamodel is unchanged', async () => {
    const init = await createdMigration('init');
    expect(init.name).toMatch(/^\d{14}_init$/);
    expect(init.file).toBe(path.join(project.migrationsDir, init.name, 'migration.sql'));
    expect(await readFile(init.file, 'utf8')).toBe(init.script);
    expect(init.script).toContain(`CREATE TYPE "priority" AS ENUM ('ROUTINE', 'URGENT');`);
    expect(init.script).toContain('CREATE TABLE "referral" (\n    "id" UUID NOT NULL DEFAULT gen_random_uuid(),');
    expect(init.script).toContain('CREATE INDEX "referral_received_on_idx" ON "referral"("received_on");');
    expect(init.script).not.toContain('fixture'); // unqualified: applied with search_path = the subgraph's schema
    expect(await readFile(path.join(project.migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');

    expect(await createMigration(server.url, project, 'again')).toEqual({ created: false });
    expect(await migrationFolders()).toEqual([init.name]);
    expect(await scratchDatabasesLeft()).toEqual([]);
  }, 20_000);

  test('writes the SQL for an added model and column, which applies and leaves nothing to do', async () => {
    const init = await createdMigration('init');
    await writeFile(
      project.schemaFile,
      DATAMODEL.replace('  specialty  String\n', '  specialty  String\n  triageNote String? @map("triage_note")\n') +
        '\nmodel Clinic {\n  id   String @id @db.Uuid\n  name String @db.VarChar(120)\n\n  @@map("clinic")\n}\n',
    );

    const added = await createdMigration('Add clinic + triage note');
    expect(added.name).toMatch(/^\d{14}_add_clinic_triage_note$/);
    expect(added.name > init.name).toBe(true); // applies after init even when created within the same second
    expect(added.script).toContain('ALTER TABLE "referral" ADD COLUMN     "triage_note" TEXT;');
    expect(added.script).toContain('CREATE TABLE "clinic" (\n    "id" UUID NOT NULL,\n    "name" VARCHAR(120) NOT NULL,');
    expect(added.script).not.toContain('CREATE TABLE "referral"');

    const database = await createScratchDatabase(server.url, 'test');
    try {
      expect((await applyMigrations(database.url, project)).applied).toEqual([init.name, added.name]);
    } finally {
      await database.drop();
    }
    expect(await createMigration(server.url, project, 'again')).toEqual({ created: false });
    expect(await scratchDatabasesLeft()).toEqual([]);
  }, 20_000);

  test('reports an invalid datamodel, writes nothing and leaves no scratch database behind', async () => {
    await writeFile(project.schemaFile, `${DATAMODEL}\nmodel Broken {\n`);
    await expect(createMigration(server.url, project, 'broken')).rejects.toThrow(/Prisma's schema engine failed: .*Error validating/);
    expect(existsSync(project.migrationsDir)).toBe(false);
    expect(await scratchDatabasesLeft()).toEqual([]);
  }, 20_000);
});
