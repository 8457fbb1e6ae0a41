import type pg from 'pg';
import { createPrismaAdapter, subgraphEntry } from '@epr/platform';
import { PrismaClient } from '../__generated__/prisma/client.js';

/** The Postgres schema this subgraph owns, as the subgraph manifest says. */
export const databaseSchema = subgraphEntry('scheduling').postgresSchema;

export type Db = PrismaClient;

export function createDb(pool: pg.Pool): Db {
  return new PrismaClient({ adapter: createPrismaAdapter(pool, databaseSchema) });
}
