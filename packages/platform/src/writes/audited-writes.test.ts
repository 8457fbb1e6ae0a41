import { describe, expect, test } from '@jest/globals';
import type { Caller } from '@epr/identity';
import { AuditTrail, type AccessRecord } from '../audit-trail.js';
import type { AuditEventRow, AuditStore } from '../audit-store.js';
import { AuditedWrites } from './audited-writes.js';
import { sql } from '../sql.js';

const caller: Caller = {
  kind: 'user',
  userId: 'dr.amelia.hart',
  roleProfileId: 'rp-hart-rx1',
  jobRoleCode: 'R8000',
  organisationOds: 'RX1',
  requestId: 'req-1',
};
const patientId = '5e1f0c3a-0000-4000-8000-000000000001';
const decision: AccessRecord = {
  action: 'clinical.read',
  outcome: 'ALLOWED',
  patientId,
  basis: { kind: 'RELATIONSHIP', detail: 'REFERRAL' },
};
const written = (id: string): AccessRecord[] => [{ action: 'problem.create', outcome: 'ALLOWED', patientId, items: [`PROBLEM:${id}`] }];

/** A fake database: a transaction commits what its work appended, unless told to fail at a step. */
function fakeDatabase(failAt?: 'append' | 'commit') {
  const committed: AuditEventRow[][] = [];
  const flushed: AuditEventRow[][] = [];
  const store: AuditStore = {
    append: async (events) => void flushed.push(events),
    appendWithin: async (run, events) => {
      await run(sql`SELECT ${JSON.stringify(events)}::jsonb`);
    },
    close: async () => undefined,
  };
  const trail = new AuditTrail(store, 'patient', caller);
  const writes = new AuditedWrites<AuditEventRow[][]>(trail, {
    begin: async (work) => {
      const inTransaction: AuditEventRow[][] = [];
      const result = await work(inTransaction);
      if (failAt === 'commit') throw new Error('could not serialize access');
      committed.push(...inTransaction);
      return result;
    },
    sqlOf: (tx) => async (statement) => {
      if (failAt === 'append') throw new Error('permission denied for function append_access_events');
      tx.push(JSON.parse(statement.values[0] as string) as AuditEventRow[]);
    },
    queryOf: () => async () => [],
  });
  return { trail, writes, committed, flushed };
}

const actions = (batches: AuditEventRow[][]) => batches.flat().map((row) => `${row.action}:${row.items.join(',')}`);

describe('a write and its security-log rows', () => {
  test('commit together: the decisions that allowed it and the write itself, in the write’s transaction', async () => {
    const db = fakeDatabase();
    db.trail.record(decision);
    await db.writes.commit(
      async () => ({ id: '7' }),
      (item) => written(item.id),
    );
    expect(actions(db.committed)).toEqual(['clinical.read:', 'problem.create:PROBLEM:7']);
    await db.trail.flush();
    expect(db.flushed).toEqual([]);
  });

  test('a log that cannot be written rolls the write back; the decision is still to be written with the answer', async () => {
    const db = fakeDatabase('append');
    db.trail.record(decision);
    await expect(
      db.writes.commit(
        async () => ({ id: '7' }),
        (item) => written(item.id),
      ),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/security log could not be written, so nothing was saved/),
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(db.committed).toEqual([]);
    await db.trail.flush();
    expect(actions(db.flushed)).toEqual(['clinical.read:']);
  });

  test('a write that fails is not recorded as done, and the decisions stay', async () => {
    const db = fakeDatabase();
    db.trail.record(decision);
    await expect(
      db.writes.commit(async () => {
        throw new Error('conflict');
      }, written),
    ).rejects.toThrow('conflict');
    await db.trail.flush();
    expect(actions(db.flushed)).toEqual(['clinical.read:']);
  });

  test('appended but not committed: the decisions go back to the trail, the write is not recorded', async () => {
    const db = fakeDatabase('commit');
    db.trail.record(decision);
    await expect(
      db.writes.commit(
        async () => ({ id: '7' }),
        (item) => written(item.id),
      ),
    ).rejects.toThrow(/serialize/);
    expect(db.committed).toEqual([]);
    await db.trail.flush();
    expect(actions(db.flushed)).toEqual(['clinical.read:']);
  });
});
