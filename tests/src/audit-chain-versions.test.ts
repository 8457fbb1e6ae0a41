import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '@epr/tools/db/scratch-database';
import { applyMigrations } from '@epr/tools/db/migrate';
import { subgraphDatabase } from '@epr/tools/db/subgraphs';
import { verifySecurityLog } from '@epr/tools/audit/verify-log';
import { describeFinding } from '@epr/tools/audit/chain-check';
import { chainMessage, type ChainedEvent } from '@epr/tools/audit/canonical-event';
import { sampleChainedEvent } from '@epr/tools/audit/sample-event';
import { stackState } from './support/stack-state.js';
import { appendAsSubgraph, event, stackAuditKey, withDatabase } from './support/security-log.js';

/*
 * Rows chained before correlation ids existed (form 1) still verify after the migrations that added them (form 2)
 * and then who may see a row (form 3), beside rows chained in the later forms — and no kind can be edited into
 * another unseen.
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

describe('chained forms across the correlation id and visibility migrations', () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase(stackState().serverUrl, 'audit_versions');
    const migration = async (suffix: string) => (await readdir(audit.migrationsDir)).find((entry) => entry.endsWith(suffix))!;
    await migrateUpTo(scratch.url, await migration('_correlation_id'));
    for (let i = 1; i <= 2; i++) await appendAsSubgraph([event({ request_id: `form1-${i}` })], scratch.url);
    await migrateUpTo(scratch.url, await migration('_visible_to'));
    for (let i = 3; i <= 4; i++) await appendAsSubgraph([event({ request_id: `form2-${i}`, correlation_id: `client-${i}` })], scratch.url);
    await applyMigrations(scratch.url, 'audit');
    await appendAsSubgraph([event({ request_id: 'form3-5', correlation_id: 'client-5' })], scratch.url);
    await appendAsSubgraph([event({ request_id: 'form3-6', correlation_id: 'client-6', visible_to: ['team-a', 'dr.x'] })], scratch.url);
  });
  afterAll(() => scratch.drop());

  test('each row keeps the form it was chained in, with its correlation id and visibility; all verify', async () => {
    const { rows } = await withDatabase(
      (client) =>
        client.query<{ chain_version: number; correlation_id: string | null; visible_to: string[] | null }>(
          'SELECT chain_version, correlation_id, visible_to FROM audit.access_event ORDER BY seq',
        ),
      { url: scratch.url },
    );
    expect(rows).toEqual([
      { chain_version: 1, correlation_id: null, visible_to: null },
      { chain_version: 1, correlation_id: null, visible_to: null },
      { chain_version: 2, correlation_id: 'client-3', visible_to: null },
      { chain_version: 2, correlation_id: 'client-4', visible_to: null },
      { chain_version: 3, correlation_id: 'client-5', visible_to: null },
      { chain_version: 3, correlation_id: 'client-6', visible_to: ['team-a', 'dr.x'] },
    ]);
    expect(await findings(scratch.url)).toEqual([]);
  });

  test('a correlation id or visibility added, changed or removed, or a row moved to another form, is named', async () => {
    await withDatabase(
      async (client) => {
        // What a database superuser could do with the guards switched off.
        await client.query('SET session_replication_role = replica');
        await client.query(`UPDATE audit.access_event SET correlation_id = 'added-later' WHERE seq = 1`);
        await client.query(`UPDATE audit.access_event SET visible_to = ARRAY['hidden-later'] WHERE seq = 3`);
        await client.query(`UPDATE audit.access_event SET chain_version = 2 WHERE seq = 5`);
        // Making a restricted row visible to everyone, so its item becomes known.
        await client.query(`UPDATE audit.access_event SET visible_to = NULL WHERE seq = 6`);
      },
      { url: scratch.url },
    );
    expect(await findings(scratch.url)).toEqual([
      'row 1 altered: its contents no longer match its hash',
      'row 3 altered: its contents no longer match its hash',
      'row 5 altered: its contents no longer match its hash',
      'row 6 altered: its contents no longer match its hash',
    ]);
  });
});

/*
 * The database computes the chained form when it appends; the verifier computes it again on its own. Rows no API
 * writes — every form, null and empty lists, null elements, multi-byte and separator-like text — must come out byte
 * for byte the same from both, or an honest row would one day fail verification (or a forged one pass).
 */
describe('the chained form, as the database and the verifier compute it', () => {
  const awkward: ChainedEvent[] = [1, 2, 3].flatMap((chainVersion) =>
    [
      { items: null, visibleTo: null, correlationId: null, cardSerial: null },
      { items: [], visibleTo: [], correlationId: 'client-1', cardSerial: '0:~' },
      { items: ['Problem:1', null, 'Ünïcødé 🩺', ''], visibleTo: ['team-a', null, 'dr.x'], correlationId: '~', cardSerial: '' },
    ].map((variant, n) =>
      sampleChainedEvent({
        seq: BigInt(chainVersion * 10 + n),
        occurredAt: new Date(Date.UTC(2026, 11, 6, 23, 59, 59, 7 * n)),
        sessionId: n === 0 ? null : 'session:1',
        patientId: n === 0 ? null : '5e1f0c3a-0000-4000-8000-000000000001',
        category: n === 1 ? 'problems' : null,
        basisKind: n === 2 ? 'RELATIONSHIP' : null,
        basisDetail: n === 2 ? 'REFERRAL — 3:1' : null,
        requestId: `request-${chainVersion}-${n}`,
        chainVersion,
        ...variant,
      }),
    ),
  );

  test.each(awkward.map((row) => [`form ${row.chainVersion}, seq ${row.seq}`, row] as const))('%s', async (_name, row) => {
    const { rows } = await withDatabase((client) =>
      client.query<{ message: string }>(
        `SELECT audit.chain_message(ROW($1, $2, $3, $4, $5::audit.access_outcome, $6, $7, $8, $9, $10, $11, $12::uuid, $13, $14,
           $15, $16, $17, $18, $19, $20, $21, $22)::audit.access_event) AS message`,
        [
          row.seq.toString(),
          row.occurredAt,
          row.subgraph,
          row.action,
          row.outcome,
          row.userId,
          row.roleProfileId,
          row.jobRoleCode,
          row.organisation,
          row.cardSerial,
          row.sessionId,
          row.patientId,
          row.category,
          row.items,
          row.basisKind,
          row.basisDetail,
          row.requestId,
          row.prevHash,
          row.hash,
          row.correlationId,
          row.chainVersion,
          row.visibleTo,
        ],
      ),
    );
    expect(Buffer.from(rows[0]!.message, 'utf8').toString('hex')).toBe(chainMessage(row).toString('hex'));
  });
});
