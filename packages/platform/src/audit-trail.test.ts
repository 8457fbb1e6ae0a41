import { describe, expect, test } from '@jest/globals';
import type { Caller } from '@epr/identity';
import { AuditTrail } from './audit-trail.js';
import type { AuditEventRow, AuditStore } from './audit-store.js';

const caller: Caller = {
  kind: 'user',
  userId: 'dr.amelia.hart',
  roleProfileId: 'rp-hart-rx1',
  jobRoleCode: 'R8000',
  organisationOds: 'RX1',
  cardSerial: '555001',
  requestId: 'req-1',
  correlationId: 'client-7',
};
const olivia = '5e1f0c3a-0000-4000-8000-000000000001';

function recordingStore(): AuditStore & { appends: AuditEventRow[][] } {
  const appends: AuditEventRow[][] = [];
  return {
    appends,
    append: async (events) => void appends.push(events),
    appendWithin: async () => undefined,
    close: async () => undefined,
  };
}

describe('a request’s audit trail', () => {
  test('records that differ only in their items become one event listing every item once', async () => {
    const store = recordingStore();
    const trail = new AuditTrail(store, 'patient', caller);
    trail.record({
      action: 'problem.read',
      outcome: 'ALLOWED',
      patientId: olivia,
      items: ['Problem:1'],
      basis: { kind: 'RELATIONSHIP', detail: 'REFERRAL' },
    });
    trail.record({
      action: 'problem.read',
      outcome: 'ALLOWED',
      patientId: olivia,
      items: ['Problem:2', 'Problem:1'],
      basis: { kind: 'RELATIONSHIP', detail: 'REFERRAL' },
    });
    trail.record({
      action: 'problem.read',
      outcome: 'DENIED',
      patientId: olivia,
      items: ['Problem:3'],
      basis: { kind: 'DECISION', detail: 'sealed' },
    });
    await trail.flush();
    expect(store.appends).toHaveLength(1);
    expect(store.appends[0]).toEqual([
      {
        subgraph: 'patient',
        action: 'problem.read',
        outcome: 'ALLOWED',
        user_id: 'dr.amelia.hart',
        role_profile_id: 'rp-hart-rx1',
        job_role_code: 'R8000',
        organisation: 'RX1',
        card_serial: '555001',
        session_id: null,
        patient_id: olivia,
        category: null,
        items: ['Problem:1', 'Problem:2'],
        basis_kind: 'RELATIONSHIP',
        basis_detail: 'REFERRAL',
        request_id: 'req-1',
        correlation_id: 'client-7',
        visible_to: null,
      },
      expect.objectContaining({ outcome: 'DENIED', items: ['Problem:3'], basis_kind: 'DECISION', basis_detail: 'sealed' }),
    ]);
  });

  test('a request that touched no patient data writes nothing, and nothing is written twice', async () => {
    const store = recordingStore();
    const trail = new AuditTrail(store, 'patient', caller);
    await trail.flush();
    trail.record({ action: 'patient.read', outcome: 'ALLOWED', patientId: olivia });
    await trail.flush();
    await trail.flush();
    expect(store.appends).toHaveLength(1);
  });

  test('an item visible only to its authoring team goes in a row of its own, never merged into an open one', async () => {
    const store = recordingStore();
    const trail = new AuditTrail(store, 'patient', caller);
    const read = {
      action: 'problem.read',
      outcome: 'ALLOWED',
      patientId: olivia,
      basis: { kind: 'RELATIONSHIP', detail: 'REFERRAL' },
    } as const;
    trail.record({ ...read, items: ['PROBLEM:open'] });
    trail.record({ ...read, items: ['PROBLEM:locked'], visibleTo: ['team-1', 'dr.author'] });
    await trail.flush();
    expect(store.appends[0]!.map((row) => [row.items, row.visible_to])).toEqual([
      [['PROBLEM:open'], null],
      [['PROBLEM:locked'], ['team-1', 'dr.author']],
    ]);
  });

  test('a failed append rejects the flush, so the response can fail closed', async () => {
    const trail = new AuditTrail(
      { ...recordingStore(), append: async () => Promise.reject(new Error('permission denied')) },
      'patient',
      caller,
    );
    trail.record({ action: 'patient.read', outcome: 'ALLOWED', patientId: olivia });
    await expect(trail.flush()).rejects.toThrow('permission denied');
  });
});
