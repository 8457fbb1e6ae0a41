import { metrics, ServiceCallError, type Logger } from '@epr/platform';
import { retryDelayMs, type Backoff } from '../domain/retry-backoff.js';
import type { PendingOutcome } from '../data/outbox-store.js';

/** The outbox as the relay uses it (the OutboxStore, or a fake in unit tests). */
export interface Outbox {
  claimDue(limit: number, leaseMs: number): Promise<PendingOutcome[]>;
  markDelivered(eventId: string, applied: boolean): Promise<void>;
  scheduleRetry(eventId: string, delayMs: number, error: string): Promise<void>;
  markDead(eventId: string, error: string): Promise<void>;
}

/** Sends one event to care-pathway; `applied: false` means it had been applied before (a repeat). */
export type DeliverOutcome = (event: PendingOutcome) => Promise<{ applied: boolean }>;

export interface RelayOptions {
  /** How often the outbox is swept, for retries falling due and for events other processes left behind. */
  pollMs: number;
  batchSize: number;
  /** How long a claimed event is reserved for this process; longer than a delivery can take. */
  leaseMs: number;
  backoff: Backoff;
}

export const defaultRelayOptions: RelayOptions = {
  pollMs: 2_000,
  batchSize: 20,
  leaseMs: 30_000,
  backoff: { baseMs: 1_000, maxMs: 60_000 },
};

const delivered = metrics.counter('epr_outcome_events_delivered_total', 'Appointment outcome events delivered to care-pathway.');
const retried = metrics.counter(
  'epr_outcome_event_retries_total',
  'Deliveries of appointment outcome events that failed and will be retried.',
);
const deadLettered = metrics.counter(
  'epr_outcome_events_dead_lettered_total',
  'Appointment outcome events care-pathway refused for good; they wait in the outbox with status DEAD for an operator.',
);

/**
 * Drains the outbox of appointment outcomes into care-pathway: at start, every `pollMs`, and right after a
 * change commits (`wake`). Delivery is at least once; care-pathway ignores a repeated eventId, so each outcome
 * is applied exactly once in effect. A failure that may pass (care-pathway down) is retried with back-off for
 * as long as it takes; a refusal (bad input, unknown pathway) is dead-lettered, counted and logged.
 */
export class OutcomeRelay {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | null = null;
  private wokenWhileDraining = false;
  private stopped = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly deliver: DeliverOutcome,
    private readonly logger: Logger,
    private readonly options: RelayOptions = defaultRelayOptions,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    this.wake();
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
  }

  /** Drains now, or again as soon as the drain under way finishes; never runs two drains at once. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wokenWhileDraining = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
  }

  /** The drain under way (if any); resolves when it has finished. */
  idle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.idle();
  }

  private async drain(): Promise<void> {
    do {
      this.wokenWhileDraining = false;
      try {
        let batch: PendingOutcome[];
        do {
          batch = await this.outbox.claimDue(this.options.batchSize, this.options.leaseMs);
          // One event per pathway is claimed at a time, so a batch can be delivered in parallel.
          const settled = await Promise.allSettled(batch.map((event) => this.deliverOne(event)));
          const failed = settled.find((result) => result.status === 'rejected');
          if (failed) throw failed.reason;
        } while (batch.length > 0 && !this.stopped);
      } catch (error) {
        // The outbox itself is unreachable (database down): the next sweep tries again; nothing is lost.
        this.logger.warn({ err: error }, 'outcome outbox unavailable; will retry');
        return;
      }
    } while (this.wokenWhileDraining && !this.stopped);
  }

  private async deliverOne(event: PendingOutcome): Promise<void> {
    const about = {
      eventId: event.eventId,
      pathwayId: event.payload.pathwayId,
      appointmentId: event.payload.appointmentId,
      attempts: event.attempts,
    };
    let applied: boolean;
    try {
      ({ applied } = await this.deliver(event));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ServiceCallError && !error.retryable) {
        await this.outbox.markDead(event.eventId, message);
        deadLettered.inc();
        this.logger.error(
          { ...about, error: message },
          'appointment outcome dead-lettered: care-pathway refused it. Fix the cause, then requeue it: ' +
            `UPDATE scheduling.pathway_outcome_outbox SET status = 'PENDING', next_attempt_at = now() WHERE event_id = '${event.eventId}'`,
        );
        return;
      }
      const delayMs = retryDelayMs(event.attempts, this.options.backoff, this.random);
      await this.outbox.scheduleRetry(event.eventId, delayMs, message);
      retried.inc();
      this.logger.warn({ ...about, delayMs, error: message }, 'appointment outcome not delivered; will retry');
      return;
    }
    await this.outbox.markDelivered(event.eventId, applied);
    delivered.inc();
    this.logger.info(
      { ...about, applied },
      applied ? 'appointment outcome delivered' : 'appointment outcome was already applied by care-pathway',
    );
  }
}
