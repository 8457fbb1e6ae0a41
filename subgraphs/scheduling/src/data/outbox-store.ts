import type { Db } from './prisma.js';
import type { AppointmentOutcomeEvent } from '../domain/outcome-event.js';

/** An outcome event claimed for delivery. */
export interface PendingOutcome {
  eventId: string;
  payload: AppointmentOutcomeEvent;
  /** Delivery attempts so far, this one included. */
  attempts: number;
}

/**
 * The outbox of outcome events for care-pathway. Rows are claimed with a lease (their next attempt is pushed
 * `leaseMs` ahead), so several scheduling processes can drain one outbox and a process that dies mid-delivery
 * only delays its events. A pathway's events are claimed one at a time, in the order they happened.
 */
export class OutboxStore {
  constructor(private readonly db: Db) {}

  claimDue(limit: number, leaseMs: number): Promise<PendingOutcome[]> {
    return this.db.$queryRaw<PendingOutcome[]>`
      UPDATE pathway_outcome_outbox AS claimed
         SET attempts = claimed.attempts + 1,
             next_attempt_at = now() + ${leaseMs}::int * interval '1 millisecond'
       WHERE claimed.event_id IN (
             SELECT due.event_id
               FROM pathway_outcome_outbox AS due
              WHERE due.status = 'PENDING'
                AND due.next_attempt_at <= now()
                AND NOT EXISTS (
                    SELECT 1 FROM pathway_outcome_outbox AS earlier
                     WHERE earlier.pathway_id = due.pathway_id
                       AND earlier.status = 'PENDING'
                       AND earlier.sequence < due.sequence)
              ORDER BY due.sequence
              LIMIT ${limit}::int
                FOR UPDATE SKIP LOCKED)
      RETURNING claimed.event_id::text AS "eventId", claimed.payload, claimed.attempts`;
  }

  async markDelivered(eventId: string, applied: boolean): Promise<void> {
    await this.db.pathwayOutcomeOutbox.update({
      where: { eventId },
      data: { status: 'DELIVERED', applied, deliveredAt: new Date(), lastError: null },
      select: { eventId: true },
    });
  }

  /** Timed by the database clock, like the claim, so processes on machines with skewed clocks agree. */
  async scheduleRetry(eventId: string, delayMs: number, error: string): Promise<void> {
    await this.db.$executeRaw`
      UPDATE pathway_outcome_outbox
         SET next_attempt_at = now() + ${delayMs}::int * interval '1 millisecond', last_error = ${error}
       WHERE event_id = ${eventId}::uuid`;
  }

  async markDead(eventId: string, error: string): Promise<void> {
    await this.db.pathwayOutcomeOutbox.update({
      where: { eventId },
      data: { status: 'DEAD', lastError: error },
      select: { eventId: true },
    });
  }
}
