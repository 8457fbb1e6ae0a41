import { matchesChecksum } from './checksum.js';
import type { MigrationScript } from './migrations-folder.js';
import type { MigrationRecord } from './migrations-table.js';

/** The migrations folder compared with `_prisma_migrations`, using Prisma's rules. */
export interface MigrationPlan {
  /** Applied, and migration.sql unchanged since. */
  applied: string[];
  /** In the folder, not yet applied: what `migrate deploy` would run, in order. */
  pending: MigrationScript[];
  /** Applied, but migration.sql has changed since (its checksum differs). */
  edited: string[];
  /** Started and neither finished nor marked rolled back (left by a failed `prisma migrate deploy`). */
  failed: MigrationRecord[];
  /** Applied, but no longer (or not yet) in this folder, e.g. applied by a newer release. */
  notInFolder: string[];
}

export function planMigrations(folder: MigrationScript[], records: MigrationRecord[]): MigrationPlan {
  // Rows marked rolled back (`prisma migrate resolve --rolled-back`) are history only: Prisma ignores them.
  const live = records.filter((record) => record.rolledBackAt === null);
  const failed = live.filter((record) => record.finishedAt === null);
  const finished = new Map(live.filter((record) => record.finishedAt !== null).map((r) => [r.migrationName, r]));
  const plan: MigrationPlan = { applied: [], pending: [], edited: [], failed, notInFolder: [] };

  for (const migration of folder) {
    const record = finished.get(migration.name);
    if (record) {
      (matchesChecksum(migration.script, record.checksum) ? plan.applied : plan.edited).push(migration.name);
    } else if (!failed.some((f) => f.migrationName === migration.name)) {
      plan.pending.push(migration);
    }
  }
  const inFolder = new Set(folder.map((migration) => migration.name));
  plan.notInFolder = [...finished.keys()].filter((name) => !inFolder.has(name));
  return plan;
}
