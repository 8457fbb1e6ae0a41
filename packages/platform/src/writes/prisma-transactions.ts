import type { Sql } from '../sql.js';
import type { Transactions } from './audited-writes.js';

/** The part of a subgraph's Prisma client that opens interactive transactions. */
interface PrismaTransactions<Tx, O> {
  $transaction<T>(work: (tx: Tx) => Promise<T>, options?: O): Promise<T>;
}

/** The part of Prisma's transaction client that runs SQL written with `sql` (Prisma.sql). */
interface RawSql {
  $executeRaw(statement: Sql): Promise<number>;
  $queryRaw<R>(statement: Sql): Promise<R>;
}

/** How to open a transaction on a subgraph's Prisma client, and run SQL on its connection. */
export function prismaTransactions<Tx extends RawSql, O>(db: PrismaTransactions<Tx, O>): Transactions<Tx, O> {
  return {
    begin: (work, options) => db.$transaction(work, options),
    sqlOf: (tx) => (statement) => tx.$executeRaw(statement),
    queryOf: (tx) => (statement) => tx.$queryRaw(statement),
  };
}
