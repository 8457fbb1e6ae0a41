import type { SqlExecutor, SqlQuery } from '../policy/relationship-register.js';
import type { Transactional } from './audited-writes.js';

/** The part of a subgraph's Prisma client that opens interactive transactions. */
interface PrismaTransactions<Tx, O> {
  $transaction<T>(work: (tx: Tx) => Promise<T>, options?: O): Promise<T>;
}

/** The part of Prisma's transaction client that runs plain SQL. */
interface RawSql {
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<R>(sql: string, ...values: unknown[]): Promise<R>;
}

export interface PrismaTransactionsOf<Tx, O> {
  begin: Transactional<Tx, O>;
  /** Plain SQL on the transaction's connection. */
  sqlOf: (tx: Tx) => SqlExecutor;
  /** Plain SQL on the transaction's connection, giving back its rows. */
  queryOf: (tx: Tx) => SqlQuery;
}

/** How to open a transaction on a subgraph's Prisma client, and run SQL on its connection (for audited writes). */
export function prismaTransactions<Tx extends RawSql, O>(db: PrismaTransactions<Tx, O>): PrismaTransactionsOf<Tx, O> {
  return {
    begin: (work, options) => db.$transaction(work, options),
    sqlOf: (tx) => (sql, params) => tx.$executeRawUnsafe(sql, ...params),
    queryOf: (tx) => (sql, params) => tx.$queryRawUnsafe(sql, ...params),
  };
}
