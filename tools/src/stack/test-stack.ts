import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SubgraphName } from '@epr/platform';
import { createTestDatabase } from './test-database.js';
import { freePorts, startStack } from './start-stack.js';

/** Where a test stack runs; the integration suite reads it from the file named by EPR_TEST_STACK. */
export interface TestStackState {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  keyDir: string;
  logDir: string;
  databaseUrl: string;
  serverUrl: string;
}

/**
 * The real system for the integration suite: a fresh database (on DATABASE_URL's server, or an embedded
 * PostgreSQL in a temporary folder), the four subgraphs and the gateway as processes on free ports, with
 * keys of their own. Nothing a developer runs locally is touched.
 */
export async function startTestStack(): Promise<{ stateFile: string; stop: () => Promise<void> }> {
  const workDir = await mkdtemp(join(tmpdir(), 'epr-it-'));
  const database = await createTestDatabase('it');
  try {
    const keyDir = join(workDir, 'keys');
    const logDir = join(workDir, 'logs');
    const stack = await startStack({
      databaseUrl: database.url,
      ports: await freePorts(),
      keyDir,
      logDir,
      logLevel: 'debug',
    });
    const state: TestStackState = {
      gatewayUrl: stack.gatewayUrl,
      subgraphUrls: stack.subgraphUrls,
      keyDir,
      logDir,
      databaseUrl: database.url,
      serverUrl: database.serverUrl,
    };
    const stateFile = join(workDir, 'stack.json');
    await writeFile(stateFile, JSON.stringify(state));
    return {
      stateFile,
      stop: async () => {
        await stack.stop();
        await database.dispose();
        // Logs stay when a run failed, so the reason can be read; a clean run leaves nothing behind.
        if (process.env['EPR_KEEP_TEST_LOGS'] !== '1') await rm(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database.dispose();
    throw error;
  }
}
