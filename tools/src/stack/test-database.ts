import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { createScratchDatabase } from '../db/scratch-database.js';
import { findFreePort } from '../db/free-port.js';

export interface TestDatabase {
  url: string;
  /** The server the database lives on (for tests that create more databases). */
  serverUrl: string;
  dispose: () => Promise<void>;
}

/**
 * A fresh, empty database for one test run: a new database on the server `DATABASE_URL` names, or else on
 * an embedded PostgreSQL started in a temporary folder. Nothing a developer has locally is touched.
 */
export async function createTestDatabase(purpose: string): Promise<TestDatabase> {
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, purpose);
    return { url: scratch.url, serverUrl: process.env.DATABASE_URL, dispose: () => scratch.drop() };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'epr-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
  const scratch = await createScratchDatabase(server.url, purpose);
  return {
    url: scratch.url,
    serverUrl: server.url,
    dispose: async () => {
      await scratch.drop();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
