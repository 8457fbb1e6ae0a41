import type pg from 'pg';
import { createPrismaAdapter } from '@epr/platform';
import { PrismaClient, type Prisma } from '../__generated__/prisma/client.js';

export const databaseSchema = 'audit';

export type Db = PrismaClient;

/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;

export function createDb(pool: pg.Pool): Db {
  return new PrismaClient({ adapter: createPrismaAdapter(pool, databaseSchema) });
}
