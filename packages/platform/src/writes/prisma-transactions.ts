import type { Transactions } from './audited-writes.js';

/** The part of a subgraph's Prisma client that opens interactive transactions. */
interface PrismaTransactions<Tx, O> {
  $transaction<T>(work: (tx: Tx) => Promise<T>, options?: O): Promise<T>;
}

/** The part of Prisma's transaction client that runs plain SQL. */
interface RawSql {
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<R>(sql: string, ...values: unknown[]): Promise<R>;
}

/** How to open a transaction on a subgraph's Prisma client, and run plain SQL on its connection. */
export function prismaTransactions<Tx extends RawSql, O>(db: PrismaTransactions<Tx, O>): Transactions<Tx, O> {
  return {
    begin: (work, options) => db.$transaction(work, options),
    sqlOf: (tx) => (sql, params) => tx.$executeRawUnsafe(sql, ...params),
    queryOf: (tx) => (sql, params) => tx.$queryRawUnsafe(sql, ...params),
  };
}
