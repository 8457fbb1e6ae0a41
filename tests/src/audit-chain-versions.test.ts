import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '@epr/tools/db/scratch-database';
import { applyMigrations } from '@epr/tools/db/migrate';
import { subgraphDatabase } from '@epr/tools/db/subgraphs';
import { verifySecurityLog } from '@epr/tools/audit/verify-log';
import { describeFinding } from '@epr/tools/audit/chain-check';
import { stackState } from './support/stack-state.js';
import { appendAsSubgraph, event, stackAuditKey, withDatabase } from './support/security-log.js';

/*
 * Rows chained before correlation ids existed (form 1) still verify after the migration that added them, beside
 * rows chained with one (form 2) — and neither kind can be edited into the other unseen.
 */
const audit = subgraphDatabase('audit');

/** Applies the audit migrations that come before migration `name`, as a database migrated before it has them. */
async function migrateUpTo(url: string, name: string): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'epr-audit-migrations-'));
  try {
    for (const entry of await readdir(audit.migrationsDir)) {
      if (entry < name || entry === 'migration_lock.toml')
        await cp(join(audit.migrationsDir, entry), join(folder, entry), { recursive: true });
    }
    await applyMigrations(url, { ...audit, migrationsDir: folder });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function findings(url: string): Promise<string[]> {
  return (await verifySecurityLog(url, await stackAuditKey())).findings.map(describeFinding);
}

describe('chained forms across the correlation id migration', () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase(stackState().serverUrl, 'audit_versions');
    const migration = (await readdir(audit.migrationsDir)).find((entry) => entry.endsWith('_correlation_id'))!;
    await migrateUpTo(scratch.url, migration);
    for (let i = 1; i <= 3; i++) await appendAsSubgraph([event({ request_id: `before-${i}` })], scratch.url);
    await applyMigrations(scratch.url, 'audit');
    for (let i = 4; i <= 6; i++) await appendAsSubgraph([event({ request_id: `after-${i}`, correlation_id: `client-${i}` })], scratch.url);
  });
  afterAll(() => scratch.drop());

  test('old rows keep form 1 and new rows are chained in form 2 with their correlation id; all verify', async () => {
    const { rows } = await withDatabase(
      (client) =>
        client.query<{ chain_version: number; correlation_id: string | null }>(
          'SELECT chain_version, correlation_id FROM audit.access_event ORDER BY seq',
        ),
      { url: scratch.url },
    );
    expect(rows).toEqual([
      { chain_version: 1, correlation_id: null },
      { chain_version: 1, correlation_id: null },
      { chain_version: 1, correlation_id: null },
      { chain_version: 2, correlation_id: 'client-4' },
      { chain_version: 2, correlation_id: 'client-5' },
      { chain_version: 2, correlation_id: 'client-6' },
    ]);
    expect(await findings(scratch.url)).toEqual([]);
  });

  test('a correlation id added to an old row, changed or removed on a new one, or a row moved to the other form, is named', async () => {
    await withDatabase(
      async (client) => {
        // What a database superuser could do with the guards switched off.
        await client.query('SET session_replication_role = replica');
        await client.query(`UPDATE audit.access_event SET correlation_id = 'added-later' WHERE seq = 2`);
        await client.query(`UPDATE audit.access_event SET correlation_id = 'someone-else' WHERE seq = 4`);
        await client.query(`UPDATE audit.access_event SET chain_version = 1 WHERE seq = 5`);
        await client.query(`UPDATE audit.access_event SET correlation_id = NULL WHERE seq = 6`);
      },
      { url: scratch.url },
    );
    expect(await findings(scratch.url)).toEqual([
      'row 2 altered: its contents no longer match its hash',
      'row 4 altered: its contents no longer match its hash',
      'row 5 altered: its contents no longer match its hash',
      'row 6 altered: its contents no longer match its hash',
    ]);
  });
});
