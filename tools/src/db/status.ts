import { planMigrations, type MigrationPlan } from './migration-plan.js';
import { readMigrations } from './migrations-folder.js';
import { listMigrationRecords, migrationsTableExists } from './migrations-table.js';
import { connectClient } from './pg-client.js';
import { subgraphDatabase, type SubgraphTarget } from './subgraphs.js';

/** The migrations folder against the database, read-only (no lock, creates nothing). */
export async function migrationStatus(databaseUrl: string, target: SubgraphTarget): Promise<MigrationPlan> {
  const database = subgraphDatabase(target);
  const migrations = await readMigrations(database.migrationsDir);
  const client = await connectClient(databaseUrl, 'epr-migrate-status');
  try {
    const tracked = await migrationsTableExists(client, database.postgresSchema);
    const records = tracked ? await listMigrationRecords(client, database.postgresSchema) : [];
    return planMigrations(migrations, records);
  } finally {
    await client.end();
  }
}
