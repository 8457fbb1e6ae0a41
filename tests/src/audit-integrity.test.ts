import { createScratchDatabase } from '@epr/tools/db/scratch-database';
import { applyMigrations } from '@epr/tools/db/migrate';
import { verifySecurityLog } from '@epr/tools/audit/verify-log';
import { describeFinding } from '@epr/tools/audit/chain-check';
import { graphql } from './support/gateway-client.js';
import { stackState } from './support/stack-state.js';
import { appendAsSubgraph, event, stackAuditKey, withDatabase } from './support/security-log.js';
import { demoPatients, tokenOf } from './support/people.js';

const oliviaBennett = demoPatients.olivia.id;

describe('the security log cannot be edited by the application', () => {
  test.each([
    ['UPDATE', `UPDATE audit.access_event SET user_id = 'someone.else'`],
    ['DELETE', 'DELETE FROM audit.access_event'],
    ['INSERT', `INSERT INTO audit.access_event (seq, occurred_at) VALUES (0, now())`],
    ['TRUNCATE', 'TRUNCATE audit.access_event'],
    ['move the chain head', 'UPDATE audit.chain_head SET seq = 0'],
  ])('the writer role may not %s', async (_label, sql) => {
    await expect(withDatabase((client) => client.query(sql), { asWriter: true })).rejects.toMatchObject({ code: '42501' });
  });

  test('nor may the table owner update or delete rows in place', async () => {
    const appended = event({});
    await appendAsSubgraph([appended]);
    const where = { text: 'WHERE request_id = $1', values: [appended.request_id] };
    await expect(
      withDatabase((client) => client.query(`UPDATE audit.access_event SET user_id = 'x' ${where.text}`, where.values)),
    ).rejects.toThrow(/append-only/);
    await expect(withDatabase((client) => client.query(`DELETE FROM audit.access_event ${where.text}`, where.values))).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('verifier', () => {
  test('passes on the untouched trail of the running system', async () => {
    await graphql(
      `
        query ($id: ID!) {
          patient(id: $id) {
            nhsNumber
            referrals {
              specialty
            }
          }
        }
      `,
      {
        token: await tokenOf('consultant'),
        variables: { id: oliviaBennett },
      },
    );
    const report = await verifySecurityLog(stackState().databaseUrl, await stackAuditKey());
    expect(report.findings.map(describeFinding)).toEqual([]);
    expect(report.events).toBeGreaterThan(0);
    expect(report.head.seq).toBe(BigInt(report.events));
  });

  test('names the row that was changed, the gap where a row was deleted and the row that was inserted', async () => {
    // A database of its own, so the shared stack's log stays intact for every other test.
    const scratch = await createScratchDatabase(stackState().serverUrl, 'audit_tamper');
    try {
      await applyMigrations(scratch.url, 'audit');
      for (let i = 0; i < 8; i++) await appendAsSubgraph([event({ request_id: `tamper-${i}` })], scratch.url);
      const key = await stackAuditKey();
      expect((await verifySecurityLog(scratch.url, key)).findings).toEqual([]);

      // What a database superuser could do: switch the guard triggers off and edit the table directly.
      await withDatabase(
        async (client) => {
          await client.query(`SET session_replication_role = replica`);
          await client.query(`UPDATE audit.access_event SET user_id = 'someone.else' WHERE seq = 3`);
          await client.query('DELETE FROM audit.access_event WHERE seq = 5');
          await client.query(
            `INSERT INTO audit.access_event SELECT seq, occurred_at + interval '1 millisecond', subgraph, 'patient.create', outcome, user_id, role_profile_id, job_role_code,
                    organisation, card_serial, session_id, patient_id, category, items, basis_kind, basis_detail, request_id, prev_hash, hash,
                    correlation_id, chain_version
               FROM audit.access_event WHERE seq = 7`,
          );
        },
        { url: scratch.url },
      );

      const report = await verifySecurityLog(scratch.url, key);
      expect(report.findings.map(describeFinding)).toEqual([
        'row 3 altered: its contents no longer match its hash',
        'row 5 deleted (a gap in the chain)',
        'row 7 inserted: a second row claims seq 7, and it is not the one that was appended',
      ]);
    } finally {
      await scratch.drop();
    }
  });
});

describe('fail closed', () => {
  test('with the security log unwritable, a clinical read returns an error and no patient data', async () => {
    const token = await tokenOf('consultant');
    const read = () =>
      graphql<{ patient: unknown }>(
        `
          query ($id: ID!) {
            patient(id: $id) {
              nhsNumber
              name {
                family
              }
            }
          }
        `,
        { token, variables: { id: oliviaBennett } },
      );
    const revoke = 'REVOKE EXECUTE ON FUNCTION audit.append_access_events(jsonb, bytea) FROM epr_audit_writer';
    const restore = 'GRANT EXECUTE ON FUNCTION audit.append_access_events(jsonb, bytea) TO epr_audit_writer';
    await withDatabase((client) => client.query(revoke));
    try {
      const { body } = await read();
      expect(body.data?.patient ?? null).toBeNull();
      expect(JSON.stringify(body)).not.toContain('9990000018');
      expect(body.errors?.[0]).toMatchObject({
        message: expect.stringContaining('security log could not be written'),
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    } finally {
      await withDatabase((client) => client.query(restore));
    }
    const { body } = await read();
    expect(body.data?.patient).toMatchObject({ nhsNumber: '9990000018' });
  });
});
