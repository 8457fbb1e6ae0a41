import type pg from 'pg';

/**
 * A hot read as a named (prepared) statement on the subgraph's own pool, for the few reads every patient summary
 * makes: PostgreSQL parses it once per connection (and, after a few calls, stops re-planning it), and the rows come
 * straight from the driver, where going through Prisma cost more CPU in the subgraph than the query did in the
 * database (Prisma's query interpreter and result mapping: docs/benchmarks.md). The SQL names every column with
 * the alias the record type uses, and reads DATE columns as UTC midnight (`utcDate`), as Prisma returns them.
 * Writes and everything else stay with Prisma.
 */
export function preparedRead<Row extends object>(name: string, text: string): (pool: pg.Pool, values: unknown[]) => Promise<Row[]> {
  return async (pool, values) => (await pool.query<Row>({ name, text, values })).rows;
}

/** A DATE column as Prisma returns it: the instant of UTC midnight (the driver alone would take local midnight). */
export function utcDate(column: string, alias: string): string {
  return `(${column}::timestamp AT TIME ZONE 'UTC') AS "${alias}"`;
}
