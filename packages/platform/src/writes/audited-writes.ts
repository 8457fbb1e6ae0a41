import type { AccessRecord, AuditTrail, PendingRecords } from '../audit-trail.js';
import type { SqlExecutor } from '../policy/relationship-register.js';

/** Runs `work` in one database transaction of a subgraph's data layer (e.g. Prisma's `$transaction`). */
export type Transactional<Tx> = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * Writes that commit together with their security-log rows, or not at all. A service does its write in `commit`;
 * before the transaction commits, what the request has recorded so far (the decisions that allowed the write)
 * and the write's own records (`written`, from its result) are appended to the hash-chained log on the same
 * connection. If the log cannot be written the write rolls back and the request fails closed; if the write fails,
 * nothing of it is recorded as done and the decisions stay in the request's trail, written with its answer.
 */
export class AuditedWrites<Tx> {
  constructor(
    private readonly audit: AuditTrail,
    private readonly transaction: Transactional<Tx>,
    private readonly sqlOf: (tx: Tx) => SqlExecutor,
  ) {}

  async commit<T>(work: (tx: Tx) => Promise<T>, written: (result: T) => readonly AccessRecord[]): Promise<T> {
    let appended: PendingRecords = [];
    try {
      return await this.transaction(async (tx) => {
        const result = await work(tx);
        appended = await this.audit.appendWithin(this.sqlOf(tx), written(result));
        return result;
      });
    } catch (error) {
      // Appended, then not committed: the decisions were never written after all.
      this.audit.restore(appended);
      throw error;
    }
  }
}
