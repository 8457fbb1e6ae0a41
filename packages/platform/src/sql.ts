import type pg from 'pg';
import { empty, join, raw, Sql, sqltag } from '@prisma/client/runtime/client';

/**
 * The one way this code base writes SQL: a `sql` tagged template (Prisma's own `Prisma.sql`), whose interpolated
 * values become bind parameters. Identifiers and fragments that are the code's own constants, never input, go in
 * with `rawSql`; fragments compose by interpolation and `joinSql`. A Prisma client runs a statement with
 * `$queryRaw`/`$executeRaw`; a pg pool with `queryPool`.
 */
export { Sql, sqltag as sql, join as joinSql, raw as rawSql, empty as emptySql };

/** Runs one statement; lets a care process create its relationship inside its own transaction. */
export type SqlExecutor = (statement: Sql) => Promise<unknown>;

/** Runs one statement inside a write's transaction and gives back its rows. */
export type SqlQuery = <R>(statement: Sql) => Promise<R[]>;

/**
 * Runs a statement on a pg pool (or client) and gives back its rows; with a `name`, as a prepared statement that
 * each connection parses and plans once (the statement's text must then be the same on every call).
 */
export async function queryPool<R extends pg.QueryResultRow>(pool: pg.Pool | pg.PoolClient, statement: Sql, name?: string): Promise<R[]> {
  const { text, values } = statement;
  return (await pool.query<R>(name ? { name, text, values } : { text, values })).rows;
}
