import { ServiceCallError, createLogger } from '@epr/platform';
import type { PendingOutcome } from '../data/outbox-store.js';
import { OutcomeRelay, type Outbox } from './outcome-relay.js';

/** An outbox in memory with the store's claiming rules: due, pending, one per pathway at a time, in order. */
class MemoryOutbox implements Outbox {
  now = 0;
  rows: { eventId: string; pathwayId: string; status: string; attempts: number; dueAt: number; applied?: boolean; lastError?: string }[] =
    [];

  add(eventId: string, pathwayId: string) {
    this.rows.push({ eventId, pathwayId, status: 'PENDING', attempts: 0, dueAt: 0 });
  }

  async claimDue(limit: number, leaseMs: number): Promise<PendingOutcome[]> {
    const pending = this.rows.filter((r) => r.status === 'PENDING');
    const claimable = pending.filter((r) => r.dueAt <= this.now && pending.find((p) => p.pathwayId === r.pathwayId) === r).slice(0, limit);
    return claimable.map((r) => {
      r.attempts += 1;
      r.dueAt = this.now + leaseMs;
      return { eventId: r.eventId, attempts: r.attempts, payload: { pathwayId: r.pathwayId } as PendingOutcome['payload'] };
    });
  }
  async markDelivered(eventId: string, applied: boolean) {
    Object.assign(this.row(eventId), { status: 'DELIVERED', applied });
  }
  async scheduleRetry(eventId: string, delayMs: number, error: string) {
    Object.assign(this.row(eventId), { dueAt: this.now + delayMs, lastError: error });
  }
  async markDead(eventId: string, error: string) {
    Object.assign(this.row(eventId), { status: 'DEAD', lastError: error });
  }
  row(eventId: string) {
    return this.rows.find((r) => r.eventId === eventId)!;
  }
}

const logger = createLogger('outcome-relay-test');
logger.level = 'silent';
const options = { pollMs: 60_000, batchSize: 10, leaseMs: 30_000, backoff: { baseMs: 1_000, maxMs: 8_000 } };

async function drain(relay: OutcomeRelay) {
  relay.wake();
  await relay.idle();
}

describe('the outcome relay', () => {
  test('delivers each pending event once and records whether care-pathway applied it', async () => {
    const outbox = new MemoryOutbox();
    outbox.add('e1', 'p1');
    outbox.add('e2', 'p2');
    const delivered: string[] = [];
    const relay = new OutcomeRelay(outbox, async (e) => (delivered.push(e.eventId), { applied: e.eventId === 'e1' }), logger, options);
    await drain(relay);
    await drain(relay);
    expect(delivered.sort()).toEqual(['e1', 'e2']);
    expect(outbox.rows.map((r) => [r.eventId, r.status, r.applied])).toEqual([
      ['e1', 'DELIVERED', true],
      ['e2', 'DELIVERED', false],
    ]);
  });

  test('while care-pathway is down nothing is lost: retries back off, and delivery completes when it returns', async () => {
    const outbox = new MemoryOutbox();
    outbox.add('e1', 'p1');
    let up = false;
    const relay = new OutcomeRelay(
      outbox,
      async () => {
        if (!up) throw new ServiceCallError('care-pathway unreachable: ECONNREFUSED', true);
        return { applied: true };
      },
      logger,
      options,
      () => 0.5,
    );
    const delays: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await drain(relay);
      delays.push(outbox.row('e1').dueAt - outbox.now);
      outbox.now = outbox.row('e1').dueAt;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(outbox.row('e1')).toMatchObject({ status: 'PENDING', lastError: expect.stringMatching(/unreachable/) });
    up = true;
    await drain(relay);
    expect(outbox.row('e1')).toMatchObject({ status: 'DELIVERED', attempts: 6 });
  });

  test("a refusal is dead-lettered, and the pathway's later events still go", async () => {
    const outbox = new MemoryOutbox();
    outbox.add('bad', 'p1');
    outbox.add('next', 'p1');
    const relay = new OutcomeRelay(
      outbox,
      async (e) => {
        if (e.eventId === 'bad') throw new ServiceCallError('care-pathway answered 200: No pathway with this id', false);
        return { applied: true };
      },
      logger,
      options,
    );
    await drain(relay);
    expect(outbox.rows.map((r) => [r.eventId, r.status])).toEqual([
      ['bad', 'DEAD'],
      ['next', 'DELIVERED'],
    ]);
  });

  test("a pathway's events are delivered in the order they happened", async () => {
    const outbox = new MemoryOutbox();
    outbox.add('first', 'p1');
    outbox.add('other', 'p2');
    outbox.add('second', 'p1');
    const order: string[] = [];
    const relay = new OutcomeRelay(outbox, async (e) => (order.push(e.eventId), { applied: true }), logger, options);
    await drain(relay);
    expect(order.filter((id) => id !== 'other')).toEqual(['first', 'second']);
  });
});
