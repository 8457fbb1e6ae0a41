import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../db/free-port.js';
import { repoRoot } from '../db/repo-root.js';
import { SUBGRAPHS, type Subgraph } from '../db/subgraphs.js';
import { createTestDatabase, type TestDatabase } from '../stack/test-database.js';
import { startStack, type RunningStack, type StackPorts } from '../stack/start-stack.js';
import { writeBenchSupergraph } from './peers/peer-gateways.js';

/** How the services of one phase run: production mode, or a benchmark mode with safeguards switched off. */
export interface StackSettings {
  env: Record<string, string>;
  gatewayEnv: Record<string, string>;
}

export interface BenchStack {
  database: TestDatabase;
  keyDir: string;
  logDir: string;
  /** The committed supergraph pointing at this run's subgraphs, for the peer gateways. */
  supergraphFile: string;
  current: () => RunningStack;
  /** Stops every service and starts them again with other settings (same ports, same database). */
  restart: (settings: StackSettings) => Promise<void>;
  freePort: () => Promise<number>;
  stop: () => Promise<void>;
}

/**
 * The whole system on a scratch database (DATABASE_URL's server, or an embedded PostgreSQL in a temporary
 * folder), on free ports, with keys and logs of its own: nothing a developer runs is touched.
 */
export async function startBenchStack(settings: StackSettings, prepare: (databaseUrl: string) => Promise<void>): Promise<BenchStack> {
  const workDir = await mkdtemp(join(tmpdir(), 'epr-bench-'));
  const database = await createTestDatabase('bench');
  const keyDir = join(workDir, 'keys');
  const logDir = join(workDir, 'logs');
  const subgraphs = {} as Record<Subgraph, number>;
  for (const s of SUBGRAPHS) subgraphs[s] = await findFreePort();
  const ports: StackPorts = { gateway: await findFreePort(), subgraphs };
  // Benchmarks drive one user as hard as the system answers, to measure capacity: rate limits would measure
  // themselves instead. `bench:abuse`, which is about them, turns them back on.
  const start = (s: StackSettings, seed: boolean) =>
    startStack({
      databaseUrl: database.url,
      ports,
      keyDir,
      logDir,
      seed,
      env: s.env,
      gatewayEnv: { GATEWAY_RATE_LIMITS: 'off', ...s.gatewayEnv },
    });

  let stack: RunningStack;
  try {
    stack = await start(settings, true);
  } catch (error) {
    await database.dispose();
    throw error;
  }
  try {
    await prepare(database.url);
  } catch (error) {
    // Services already started must not outlive a failed preparation.
    await stack.stop();
    await database.dispose();
    throw error;
  }
  const supergraphFile = join(workDir, 'supergraph.graphql');
  await writeBenchSupergraph(join(repoRoot(), 'schema', 'supergraph.graphql'), stack.subgraphUrls, supergraphFile);
  return {
    database,
    keyDir,
    logDir,
    supergraphFile,
    current: () => stack,
    restart: async (next) => {
      await stack.stop();
      stack = await start(next, false);
    },
    freePort: findFreePort,
    stop: async () => {
      await stack.stop();
      await database.dispose();
      if (process.env.EPR_KEEP_BENCH_LOGS === '1') console.log(`Logs kept in ${logDir}`);
      else await rm(workDir, { recursive: true, force: true });
    },
  };
}
