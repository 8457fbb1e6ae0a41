import type pg from 'pg';
import { createPrismaAdapter } from '@epr/platform';
import { PrismaClient } from '../__generated__/prisma/client.js';

export const databaseSchema = 'patient';

export type Db = PrismaClient;

export function createDb(pool: pg.Pool): Db {
  return new PrismaClient({ adapter: createPrismaAdapter(pool, databaseSchema) });
}
