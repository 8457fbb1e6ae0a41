import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { applyMigrations } from './migrate.js';
import { migrationFolderName, migrationSlug } from './migration-name.js';
import { readMigrations, writeMigration } from './migrations-folder.js';
import { withSchemaEngine } from './schema-engine.js';
import { createScratchDatabase } from './scratch-database.js';
import { subgraphDatabase, type SubgraphTarget } from './subgraphs.js';

export type CreateMigrationResult =
  { created: false } | { created: true; /** The folder name. */ name: string; file: string; script: string };

/**
 * `prisma migrate dev --create-only`: the SQL that takes a database holding every existing migration to the
 * datamodel in schema.prisma, written as a new migration folder; nothing is written when they already agree.
 *
 * The existing migrations are replayed into a scratch database on the server behind `databaseUrl` (which must
 * allow CREATE DATABASE), with this tool's own migrator, and Prisma's schema engine diffs that database against
 * the datamodel. The database at `databaseUrl` itself is not read or changed. (Prisma would replay into a shadow
 * database created through the driver adapter, but adapter-pg's shadow database lands on the main database.)
 */
export async function createMigration(databaseUrl: string, target: SubgraphTarget, name: string): Promise<CreateMigrationResult> {
  const database = subgraphDatabase(target);
  const slug = migrationSlug(name);
  const files = [{ path: database.schemaFile, content: await readFile(database.schemaFile, 'utf8') }];

  const scratch = await createScratchDatabase(databaseUrl, 'migration_replay');
  let diff;
  try {
    await applyMigrations(scratch.url, database).catch((error: unknown) => {
      throw new Error(`Replaying the existing migrations into a scratch database failed: ${(error as Error).message}`, {
        cause: error,
      });
    });
    diff = await withSchemaEngine(scratch.url, database.postgresSchema, (engine) =>
      engine.diff({
        from: { tag: 'schemaDatasource', files, configDir: path.dirname(database.schemaFile) },
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: true, // exit code 2 = there are changes; 0 = none
        filters: { externalTables: [], externalEnums: [] },
      }),
    );
  } finally {
    await scratch.drop();
  }
  if (diff.exitCode !== 2 || !diff.stdout) return { created: false };

  const existing = (await readMigrations(database.migrationsDir)).map((migration) => migration.name);
  const folderName = migrationFolderName(slug, existing, new Date());
  const file = await writeMigration(database.migrationsDir, folderName, diff.stdout);
  return { created: true, name: folderName, file, script: diff.stdout };
}
