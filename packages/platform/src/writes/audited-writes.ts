import { conflict } from '../errors.js';
import type { AccessRecord, AuditTrail, PendingRecords } from '../audit-trail.js';
import type { SqlExecutor, SqlQuery } from '../sql.js';
import { currentMutation } from './mutation-scope.js';
import { claimIdempotencyKey, recordIdempotentResult, type IdempotencyKey } from './idempotency-keys.js';

/**
 * One database transaction of a subgraph's data layer (Prisma's `$transaction(work, options)`), producing `T`.
 * Stores take one per write, so the caller decides what commits with it.
 */
export type Transaction<Tx, T, O = never> = (work: (tx: Tx) => Promise<T>, options?: O) => Promise<T>;

/** How a subgraph opens a transaction on its own database. */
export type Transactional<Tx, O = never> = <T>(work: (tx: Tx) => Promise<T>, options?: O) => Promise<T>;

/** A subgraph's transactions, and plain SQL on their connection. */
export interface Transactions<Tx, O = never> {
  begin: Transactional<Tx, O>;
  sqlOf: (tx: Tx) => SqlExecutor;
  queryOf: (tx: Tx) => SqlQuery;
}

/** How a write that a client may retry is answered the second time: by what it produced the first time. */
export interface Retryable<T> {
  /** The id of what the write produced (kept with the idempotency key). */
  idOf: (result: T) => string;
  /** What the write produced, read again by its id. */
  reload: (id: string) => Promise<T | null>;
}

/**
 * Writes that commit together with their security-log rows, or not at all. A service hands a store the
 * transaction `for(written)` gives it; before that transaction commits, what the request has recorded so far (the
 * decisions that allowed the write) and the write's own records (`written`, from its result) are appended to the
 * hash-chained log on the same connection. If the log cannot be written the write rolls back and the request fails
 * closed; if the write fails, nothing of it is recorded as done and the decisions stay in the request's trail, to
 * be written with its answer.
 *
 * A request sent with an `Idempotency-Key` also claims that key, per user and mutation field, in the same
 * transaction: a retry with the key (after a failure, or a lost answer) finds the first attempt's claim and gets
 * its result (`retryable`) instead of writing again; the same key with other input is a CONFLICT.
 */
export class AuditedWrites<Tx, O = never> {
  constructor(
    private readonly audit: AuditTrail,
    private readonly transactions: Transactions<Tx, O>,
  ) {}

  /** A transaction for one write whose own security-log records are `written(result)`. */
  for<T>(written: (result: T) => readonly AccessRecord[], retryable?: Retryable<T>): Transaction<Tx, T, O> {
    return async (work, options) => {
      const key = this.idempotencyKey();
      let appended: PendingRecords = [];
      let firstAttempt: { id: string | null } | null = null;
      try {
        const result = await this.transactions.begin(async (tx) => {
          if (key) {
            firstAttempt = await claimIdempotencyKey(this.transactions.queryOf(tx), key);
            if (firstAttempt) return undefined as T;
          }
          const done = await work(tx);
          if (key) await recordIdempotentResult(this.transactions.sqlOf(tx), key, retryable?.idOf(done) ?? null);
          appended = await this.audit.appendWithin(this.transactions.sqlOf(tx), written(done));
          return done;
        }, options);
        return firstAttempt ? await this.replay(firstAttempt, retryable) : result;
      } catch (error) {
        // Appended, then not committed: the decisions were never written after all.
        this.audit.restore(appended);
        throw error;
      }
    };
  }

  /** Runs `work` as one audited write (for writes that need no store of their own). */
  commit<T>(work: (tx: Tx) => Promise<T>, written: (result: T) => readonly AccessRecord[], retryable?: Retryable<T>): Promise<T> {
    return this.for(written, retryable)(work);
  }

  private idempotencyKey(): IdempotencyKey | null {
    const { caller, subgraph } = this.audit;
    const mutation = currentMutation();
    if (!caller.idempotencyKey || !mutation) return null;
    return {
      userId: caller.userId,
      key: caller.idempotencyKey,
      mutation: `${subgraph}:${mutation.responseKey}`,
      requestHash: mutation.requestHash,
    };
  }

  private async replay<T>(firstAttempt: { id: string | null }, retryable?: Retryable<T>): Promise<T> {
    const again = firstAttempt.id !== null && retryable ? await retryable.reload(firstAttempt.id) : null;
    if (again === null) {
      throw conflict(
        'This request was already applied with this Idempotency-Key. Read the record to see where it stands.',
        'idempotency-key',
      );
    }
    return again;
  }
}
