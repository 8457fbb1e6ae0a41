import type { Sql, SqlExecutor, SqlQuery } from '../sql.js';
import type { Transactions } from './audited-writes.js';

/** The part of a subgraph's Prisma client that opens interactive transactions. */
interface PrismaTransactions<Tx, O> {
  $transaction<T>(work: (tx: Tx) => Promise<T>, options?: O): Promise<T>;
}

/** The part of Prisma's transaction client that runs SQL written with `sql` (Prisma.sql). */
export interface RawSql {
  $executeRaw(statement: Sql): Promise<number>;
  $queryRaw<R>(statement: Sql): Promise<R>;
}

/** How to open a transaction on a subgraph's Prisma client, and run SQL on its connection. */
export function prismaTransactions<Tx extends RawSql, O>(db: PrismaTransactions<Tx, O>): Transactions<Tx, O> {
  return {
    begin: (work, options) => db.$transaction(work, options),
    sqlOf: sqlOn,
    queryOf: queryOn,
  };
}

/** SQL on a Prisma transaction's connection (e.g. the shared access-control store, inside a care process's write). */
export function sqlOn(tx: RawSql): SqlExecutor {
  return (statement) => tx.$executeRaw(statement);
}

/** A query on a Prisma transaction's connection, giving back its rows. */
export function queryOn(tx: RawSql): SqlQuery {
  return <R>(statement: Sql) => tx.$queryRaw<R[]>(statement);
}
