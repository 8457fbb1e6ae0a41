import type { AccessRecord, AuditTrail, PendingRecords } from '../audit-trail.js';
import type { SqlExecutor } from '../policy/relationship-register.js';

/**
 * One database transaction of a subgraph's data layer (Prisma's `$transaction(work, options)`), producing `T`.
 * Stores take one per write, so the caller decides what commits with it.
 */
export type Transaction<Tx, T, O = never> = (work: (tx: Tx) => Promise<T>, options?: O) => Promise<T>;

/** How a subgraph opens a transaction on its own database. */
export type Transactional<Tx, O = never> = <T>(work: (tx: Tx) => Promise<T>, options?: O) => Promise<T>;

/**
 * Writes that commit together with their security-log rows, or not at all. A service hands a store the
 * transaction `for(written)` gives it; before that transaction commits, what the request has recorded so far (the
 * decisions that allowed the write) and the write's own records (`written`, from its result) are appended to the
 * hash-chained log on the same connection. If the log cannot be written the write rolls back and the request fails
 * closed; if the write fails, nothing of it is recorded as done and the decisions stay in the request's trail, to
 * be written with its answer.
 */
export class AuditedWrites<Tx, O = never> {
  constructor(
    private readonly audit: AuditTrail,
    private readonly begin: Transactional<Tx, O>,
    private readonly sqlOf: (tx: Tx) => SqlExecutor,
  ) {}

  /** A transaction for one write whose own security-log records are `written(result)`. */
  for<T>(written: (result: T) => readonly AccessRecord[]): Transaction<Tx, T, O> {
    return async (work, options) => {
      let appended: PendingRecords = [];
      try {
        return await this.begin(async (tx) => {
          const result = await work(tx);
          appended = await this.audit.appendWithin(this.sqlOf(tx), written(result));
          return result;
        }, options);
      } catch (error) {
        // Appended, then not committed: the decisions were never written after all.
        this.audit.restore(appended);
        throw error;
      }
    };
  }

  /** Runs `work` as one audited write (for writes that need no store of their own). */
  commit<T>(work: (tx: Tx) => Promise<T>, written: (result: T) => readonly AccessRecord[]): Promise<T> {
    return this.for(written)(work);
  }
}
