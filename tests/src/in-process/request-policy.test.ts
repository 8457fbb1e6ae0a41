import type { GraphQLError } from 'graphql';
import { type AccessControlStore, AuditTrail, canAny, RequestPolicy } from '@epr/platform';
import type { Policy } from '@epr/policy';
import { demoPatients } from '../support/people.js';
import { inProcessFederation } from './support/federation.js';

// RequestPolicy, the policy engine bound to one request, on the real access-control facts of the demo data
// (the GP practice A81001 is registered with the first four demo patients; nobody has a relationship with Thomas).

const federation = inProcessFederation();

const olivia = demoPatients.olivia.id;
const thomas = demoPatients.thomas.id;

/** The policy in force, counting how often anything of it is read: a memoised answer reads nothing. */
function countingPolicy(policy: Policy): { policy: Policy; reads: () => number } {
  let reads = 0;
  const counting = new Proxy(policy, {
    get(target, property, receiver) {
      reads += 1;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { policy: counting, reads: () => reads };
}

describe('what a role holds', () => {
  test('is decided once per request and activity: the second question reads nothing of the policy', async () => {
    const caller = await federation().callerOf('gp');
    const { policy: counting, reads } = countingPolicy(federation().policy);
    const memoised = new RequestPolicy(counting, caller, federation().accessControl, new AuditTrail(federation().audit, 'patient', caller));
    expect(memoised.holds('clinical.read')).toBe(true);
    const afterFirst = reads();
    expect(afterFirst).toBeGreaterThan(0);
    expect(memoised.holds('clinical.read')).toBe(true);
    expect(reads()).toBe(afterFirst);
    expect(memoised.holds('audit.read')).toBe(false);
    expect(reads()).toBeGreaterThan(afterFirst);
  });

  test('canAny gives one shield rule per set of activities, in whatever order they are named', () => {
    expect(canAny(['clinical.read', 'referrals.read'])).toBe(canAny(['referrals.read', 'clinical.read']));
    expect(canAny(['clinical.read'])).not.toBe(canAny(['referrals.read']));
  });
});

describe('decisions about patients', () => {
  test('one decision per activity and patient, recorded once per action; facts for a batch in one look-up', async () => {
    const caller = await federation().callerOf('gp');
    const looked: string[][] = [];
    const store = {
      patientFacts: (subject: Parameters<AccessControlStore['patientFacts']>[0], ids: readonly string[]) => {
        looked.push([...ids]);
        return federation().accessControl.patientFacts(subject, ids);
      },
      nominations: (refs: readonly string[]) => federation().accessControl.nominations(refs),
    } as unknown as AccessControlStore;
    const trail = new AuditTrail(federation().audit, 'patient', caller);
    const policy = new RequestPolicy(federation().policy, caller, store, trail);

    const visible = await policy.visiblePatients('clinical.read', [olivia, thomas, demoPatients.george.id], 'clinical.read');
    expect([...visible].sort()).toEqual([olivia, demoPatients.george.id].sort());
    expect(looked).toEqual([[olivia, thomas, demoPatients.george.id]]);

    await policy.forPatient('clinical.read', olivia, 'clinical.read');
    await policy.forPatient('clinical.read', olivia, 'problem.read');
    expect(looked).toHaveLength(1);
    await trail.flush();
    const recorded = federation()
      .audit.ofRequest(caller.requestId)
      .map((e) => `${e.action}:${e.patient_id}:${e.outcome}`);
    expect(recorded.filter((r) => r.startsWith(`clinical.read:${olivia}`))).toEqual([`clinical.read:${olivia}:ALLOWED`]);
    expect(recorded).toContain(`problem.read:${olivia}:ALLOWED`);
    expect(recorded).toContain(`clinical.read:${thomas}:DENIED`);
  });

  test('require: allowed resolves; a patient without grounds is refused with the engine’s reason; out of scope is not found', async () => {
    const gp = federation().requestPolicy(await federation().callerOf('gp')).policy;
    await expect(gp.require('clinical.read', olivia, 'clinical.read')).resolves.toBeUndefined();
    const refused = (await gp.require('clinical.read', thomas, 'clinical.read').catch((e: unknown) => e)) as GraphQLError;
    expect(refused.extensions['code']).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/relationship/i);

    const portal = federation().requestPolicy(await federation().callerOf('olivia')).policy;
    await expect(portal.require('clinical.read', olivia, 'clinical.read')).resolves.toBeUndefined();
    const hidden = (await portal.require('clinical.read', thomas, 'clinical.read').catch((e: unknown) => e)) as GraphQLError;
    expect(hidden.extensions['code']).toBe('NOT_FOUND');
  });

  test('reveal and revealAll keep only what the caller may see, in order', async () => {
    const portal = federation().requestPolicy(await federation().callerOf('olivia')).policy;
    const records = [{ patientId: thomas }, { patientId: olivia }, { patientId: thomas }];
    expect(await portal.revealAll('clinical.read', records, 'clinical.read')).toEqual([{ patientId: olivia }]);
    expect(await portal.reveal('clinical.read', { patientId: thomas }, 'clinical.read')).toBeNull();
    expect(await portal.reveal('clinical.read', null, 'clinical.read')).toBeNull();
  });

  test('a role without the activity is refused whatever the relationship (a booking clerk and clinical content)', async () => {
    const clerk = federation().requestPolicy(await federation().callerOf('clerk')).policy;
    expect(clerk.holds('clinical.read')).toBe(false);
    expect((await clerk.forPatient('clinical.read', olivia, 'clinical.read')).effect).not.toBe('ALLOW');
  });
});
