import type pg from 'pg';
import { createPrismaAdapter, subgraphEntry } from '@epr/platform';
import { PrismaClient, type Prisma } from '../__generated__/prisma/client.js';

/** The Postgres schema this subgraph owns, as the subgraph manifest says. */
export const databaseSchema = subgraphEntry('audit').postgresSchema;

export type Db = PrismaClient;

/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;

export function createDb(pool: pg.Pool): Db {
  return new PrismaClient({ adapter: createPrismaAdapter(pool, databaseSchema) });
}
