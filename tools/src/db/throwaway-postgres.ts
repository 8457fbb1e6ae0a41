import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.js';
import { findFreePort } from './free-port.js';

/** An embedded PostgreSQL on a free port with its own temporary data directory, deleted again by stop() (tests). */
export async function startThrowawayPostgres(): Promise<RunningPostgres> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'epr-postgres-'));
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  try {
    const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
    return {
      url: server.url,
      stop: async () => {
        await server.stop();
        await removeDataDir();
      },
    };
  } catch (error) {
    await removeDataDir();
    throw error;
  }
}
