import { createScratchDatabase, type ScratchDatabase } from '@epr/tools/db/scratch-database';
import { applyMigrations } from '@epr/tools/db/migrate';
import { verifySecurityLog } from '@epr/tools/audit/verify-log';
import { describeFinding } from '@epr/tools/audit/chain-check';
import { stackState } from './support/stack-state.js';
import { appendAsSubgraph, event, stackAuditKey, withDatabase } from './support/security-log.js';

/*
 * The security log is append-only on every partition, for its owner too. The owner here is the role that ran
 * the migrations (the test server's superuser, so the DDL guard's event triggers are installed). What only a
 * superuser can still do — switch the guards off — must show up in the verifier.
 */
const refusedAsAppendOnly = { code: '42501', message: expect.stringMatching(/append-only/) };

async function partitions(url?: string): Promise<string[]> {
  return withDatabase(
    async (client) =>
      (
        await client.query<{ name: string }>(
          `SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'audit.access_event'::regclass ORDER BY 1`,
        )
      ).rows.map((row) => row.name),
    url ? { url } : {},
  );
}

/** Runs `sql` on its own connection; resolves to the error it was refused with (or fails the test if it was not). */
async function refusal(sql: string, url?: string): Promise<unknown> {
  return withDatabase((client) => client.query(sql), url ? { url } : {}).then(
    () => {
      throw new Error(`not refused: ${sql}`);
    },
    (error: unknown) => error,
  );
}

/** A database of its own with the audit migrations and eight chained events, for what must not touch the stack's log. */
async function scratchLog(purpose: string): Promise<ScratchDatabase> {
  const scratch = await createScratchDatabase(stackState().serverUrl, purpose);
  await applyMigrations(scratch.url, 'audit');
  for (let i = 0; i < 8; i++) await appendAsSubgraph([event({ request_id: `${purpose}-${i}` })], scratch.url);
  return scratch;
}

async function findings(url: string): Promise<string[]> {
  return (await verifySecurityLog(url, await stackAuditKey())).findings.map(describeFinding);
}

describe('as the owner, on every partition', () => {
  beforeAll(async () => {
    await appendAsSubgraph([event({})]);
  });

  test('the log has monthly partitions and a default one', async () => {
    const names = await partitions();
    expect(names).toContain('audit.access_event_default');
    expect(names.filter((name) => /^audit\.access_event_y\d{4}m\d{2}$/.test(name)).length).toBeGreaterThanOrEqual(4);
  });

  test.each(['TRUNCATE', 'DELETE FROM', 'UPDATE'])('%s on each partition is refused', async (verb) => {
    for (const partition of await partitions()) {
      const sql = verb === 'UPDATE' ? `UPDATE ${partition} SET user_id = 'someone.else'` : `${verb} ${partition}`;
      expect(await refusal(sql)).toMatchObject(refusedAsAppendOnly);
    }
  });

  test('the rows are all still there', async () => {
    const { rows } = await withDatabase((client) => client.query<{ seq: string }>('SELECT max(seq)::text AS seq FROM audit.access_event'));
    const head = await withDatabase((client) => client.query<{ seq: string }>('SELECT seq::text FROM audit.chain_head'));
    expect(rows[0]!.seq).toBe(head.rows[0]!.seq);
    expect(await findings(stackState().databaseUrl)).toEqual([]);
  });

  test('DELETE and UPDATE through the parent are refused even where no row matches', async () => {
    expect(await refusal(`DELETE FROM audit.access_event WHERE seq < 0`)).toMatchObject(refusedAsAppendOnly);
    expect(await refusal(`UPDATE audit.access_event SET user_id = 'x' WHERE seq < 0`)).toMatchObject(refusedAsAppendOnly);
  });
});

describe('DDL on the log, as the owner', () => {
  let scratch: ScratchDatabase;
  let current: string;
  beforeAll(async () => {
    scratch = await scratchLog('audit_ddl');
    current = await withDatabase(
      async (client) =>
        (await client.query<{ name: string }>('SELECT tableoid::regclass::text AS name FROM audit.access_event WHERE seq = 1')).rows[0]!
          .name,
      { url: scratch.url },
    );
  });
  afterAll(() => scratch.drop());

  test.each([
    ['detaching a partition', (p: string) => `ALTER TABLE audit.access_event DETACH PARTITION ${p}`],
    ['dropping a partition', (p: string) => `DROP TABLE ${p}`],
    ['dropping the whole log', () => `DROP TABLE audit.access_event CASCADE`],
    ['dropping a guard trigger', (p: string) => `DROP TRIGGER access_event_partition_append_only ON ${p}`],
    ['disabling the guard triggers', (p: string) => `ALTER TABLE ${p} DISABLE TRIGGER ALL`],
    ['dropping the guard function with its triggers', () => `DROP FUNCTION audit.refuse_security_log_change() CASCADE`],
  ])('%s is refused', async (_label, sql) => {
    expect(await refusal(sql(current), scratch.url)).toMatchObject(refusedAsAppendOnly);
    expect(await findings(scratch.url)).toEqual([]);
  });

  test("the audit schema's other tables and triggers stay the owner's to change", async () => {
    await withDatabase(
      async (client) => {
        await client.query('CREATE TABLE audit.access_event_export (id int)');
        await client.query('DROP TABLE audit.access_event_export');
        await client.query(`CREATE FUNCTION audit.note_review() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`);
        await client.query(
          'CREATE TRIGGER alert_reviewed BEFORE UPDATE ON audit.access_alert FOR EACH ROW EXECUTE FUNCTION audit.note_review()',
        );
        await client.query('DROP TRIGGER alert_reviewed ON audit.access_alert');
        await client.query('DROP FUNCTION audit.note_review()');
      },
      { url: scratch.url },
    );
  });

  test('a partition created by hand is guarded the moment it exists', async () => {
    await withDatabase(
      (client) =>
        client.query(`CREATE TABLE audit.access_event_y2099m01 PARTITION OF audit.access_event
                        FOR VALUES FROM ('2099-01-01T00:00:00Z') TO ('2099-02-01T00:00:00Z')`),
      { url: scratch.url },
    );
    expect(await refusal('TRUNCATE audit.access_event_y2099m01', scratch.url)).toMatchObject(refusedAsAppendOnly);
    expect(await refusal('DROP TABLE audit.access_event_y2099m01', scratch.url)).toMatchObject(refusedAsAppendOnly);
  });
});

describe('the DDL guard fires on every DDL command in the database', () => {
  test('and stays out of the way of other roles working in their own schema', async () => {
    const scratch = await createScratchDatabase(stackState().serverUrl, 'audit_other_roles');
    const role = `epr_test_other_${process.pid}`;
    try {
      await applyMigrations(scratch.url, 'audit');
      await withDatabase(
        async (client) => {
          await client.query(`CREATE ROLE ${role} LOGIN PASSWORD 'other'`);
          await client.query(`CREATE SCHEMA other AUTHORIZATION ${role}`);
        },
        { url: scratch.url },
      );
      const asOther = new URL(scratch.url);
      asOther.username = role;
      asOther.password = 'other';
      await withDatabase(
        async (client) => {
          await client.query('CREATE TABLE other.t (id int)');
          await client.query('ALTER TABLE other.t ADD COLUMN note text');
          await client.query(`CREATE FUNCTION other.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`);
          await client.query('CREATE TRIGGER t_insert BEFORE INSERT ON other.t FOR EACH ROW EXECUTE FUNCTION other.f()');
          await client.query('DROP TRIGGER t_insert ON other.t');
          await client.query('DROP TABLE other.t');
        },
        { url: asOther.toString() },
      );
    } finally {
      await scratch.drop();
      await withDatabase((client) => client.query(`DROP ROLE IF EXISTS ${role}`));
    }
  });
});

describe('a partition the append function creates later', () => {
  test('is guarded by the append function itself, with no event trigger to help', async () => {
    const scratch = await scratchLog('audit_new_partition');
    try {
      const newest = (await partitions(scratch.url)).filter((name) => name !== 'audit.access_event_default').at(-1)!;
      // As a superuser: turn the DDL guard off, remove the newest (empty) month and move the head's horizon back,
      // so the next append must create that month again.
      await withDatabase(
        async (client) => {
          await client.query('ALTER EVENT TRIGGER epr_security_log_ddl DISABLE');
          await client.query('ALTER EVENT TRIGGER epr_security_log_drop DISABLE');
          await client.query(`DROP TABLE ${newest}`);
          await client.query(
            `UPDATE audit.chain_head SET partitions_until = date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '2 months'`,
          );
        },
        { url: scratch.url },
      );
      expect(await partitions(scratch.url)).not.toContain(newest);

      await appendAsSubgraph([event({ request_id: 'after-horizon' })], scratch.url);

      expect(await partitions(scratch.url)).toContain(newest);
      for (const sql of [`TRUNCATE ${newest}`, `DELETE FROM ${newest}`, `UPDATE ${newest} SET user_id = 'x'`]) {
        expect(await refusal(sql, scratch.url)).toMatchObject(refusedAsAppendOnly);
      }
      expect(await findings(scratch.url)).toEqual([]);
    } finally {
      await scratch.drop();
    }
  });
});

describe('what a superuser can still do is exposed by the verifier', () => {
  test('a partition truncated with the guards switched off (session_replication_role = replica)', async () => {
    const scratch = await scratchLog('audit_replica_truncate');
    try {
      await withDatabase(
        async (client) => {
          await client.query('SET session_replication_role = replica');
          const { rows } = await client.query<{ name: string }>(
            'SELECT tableoid::regclass::text AS name FROM audit.access_event WHERE seq = 1',
          );
          await client.query(`TRUNCATE ${rows[0]!.name}`);
        },
        { url: scratch.url },
      );
      expect(await findings(scratch.url)).toEqual(['rows 1..8 deleted from the end of the log (the chain head records more)']);
    } finally {
      await scratch.drop();
    }
  });

  test('rows deleted after the event triggers are disabled and a guard trigger dropped', async () => {
    const scratch = await scratchLog('audit_drop_trigger');
    try {
      await withDatabase(
        async (client) => {
          await client.query('ALTER EVENT TRIGGER epr_security_log_ddl DISABLE');
          await client.query('ALTER EVENT TRIGGER epr_security_log_drop DISABLE');
          const { rows } = await client.query<{ name: string }>(
            'SELECT tableoid::regclass::text AS name FROM audit.access_event WHERE seq = 1',
          );
          const partition = rows[0]!.name;
          await client.query(`DROP TRIGGER access_event_partition_append_only ON ${partition}`);
          // The row trigger is the parent's, cloned onto each partition: it can only be dropped on the parent.
          await client.query('DROP TRIGGER access_event_append_only ON audit.access_event');
          await client.query(`DELETE FROM ${partition} WHERE seq IN (3, 4)`);
        },
        { url: scratch.url },
      );
      expect(await findings(scratch.url)).toEqual(['rows 3..4 deleted (a gap in the chain)']);
    } finally {
      await scratch.drop();
    }
  });
});
