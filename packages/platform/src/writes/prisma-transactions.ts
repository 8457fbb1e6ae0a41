import type { SqlExecutor, SqlQuery } from '../policy/relationship-register.js';
import type { Transactions } from './audited-writes.js';

/** The part of a subgraph's Prisma client that opens interactive transactions. */
interface PrismaTransactions<Tx, O> {
  $transaction<T>(work: (tx: Tx) => Promise<T>, options?: O): Promise<T>;
}

/** The part of Prisma's transaction client that runs plain SQL. */
export interface RawSql {
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<R>(sql: string, ...values: unknown[]): Promise<R>;
}

/** How to open a transaction on a subgraph's Prisma client, and run plain SQL on its connection. */
export function prismaTransactions<Tx extends RawSql, O>(db: PrismaTransactions<Tx, O>): Transactions<Tx, O> {
  return {
    begin: (work, options) => db.$transaction(work, options),
    sqlOf: sqlOn,
    queryOf: queryOn,
  };
}

/** Plain SQL on a Prisma transaction's connection (e.g. the shared access-control store, inside a care process's write). */
export function sqlOn(tx: RawSql): SqlExecutor {
  return (sql, params) => tx.$executeRawUnsafe(sql, ...params);
}

/** A plain SQL query on a Prisma transaction's connection, giving back its rows. */
export function queryOn(tx: RawSql): SqlQuery {
  return <R>(sql: string, params: unknown[]) => tx.$queryRawUnsafe<R[]>(sql, ...params);
}
