import { join } from 'node:path';
import { findFreePort } from '@epr/tools/db/free-port';
import { repoRoot } from '@epr/tools/db/repo-root';
import { spawnService, stopService, waitUntilReady } from '@epr/tools/stack/service-process';
import { gatewayEnvironment } from '@epr/tools/stack/start-stack';
import { stackState } from './stack-state.js';

export interface OwnGateway {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  stop: () => Promise<void>;
}

/**
 * A gateway process of a test's own over the shared stack's subgraphs, started with the settings the test is
 * about (explorer switch, NODE_ENV, CORS origins). `undefined` removes a variable this process has.
 */
export async function startOwnGateway(settings: Record<string, string | undefined>): Promise<OwnGateway> {
  const { keyDir, logDir, subgraphUrls } = stackState();
  const port = await findFreePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    ...gatewayEnvironment(keyDir, subgraphUrls),
    GATEWAY_PORT: String(port),
  };
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const gateway = spawnService(`gateway-${port}`, join(repoRoot(), 'gateway', 'dist', 'main.js'), port, env, logDir);
  try {
    await waitUntilReady(gateway);
  } catch (error) {
    await stopService(gateway);
    throw error;
  }
  return { origin: gateway.baseUrl, stop: () => stopService(gateway) };
}
