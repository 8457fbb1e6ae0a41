import { createScratchDatabase } from '../db/scratch-database.js';
import { startThrowawayPostgres } from '../db/throwaway-postgres.js';

export interface TestDatabase {
  url: string;
  /** The server the database lives on (for tests that create more databases). */
  serverUrl: string;
  dispose: () => Promise<void>;
}

/**
 * A fresh, empty database for one test or benchmark run: a new database on the server `DATABASE_URL` names, or
 * else on a throw-away embedded PostgreSQL. Nothing a developer has locally is touched.
 */
export async function createTestDatabase(purpose: string): Promise<TestDatabase> {
  if (process.env['DATABASE_URL']) {
    const scratch = await createScratchDatabase(process.env['DATABASE_URL'], purpose);
    return { url: scratch.url, serverUrl: process.env['DATABASE_URL'], dispose: () => scratch.drop() };
  }
  const server = await startThrowawayPostgres();
  try {
    const scratch = await createScratchDatabase(server.url, purpose);
    return {
      url: scratch.url,
      serverUrl: server.url,
      dispose: async () => {
        await scratch.drop();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
