import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnService, stopService, type ServiceProcess } from '../../stack/service-process.js';
import { peerCredentialsEnv, type PeerCredentials } from './peer-credentials.js';

export type PeerGateway = 'stock-apollo-gateway' | 'hive-gateway';

export interface StartedPeer {
  service: ServiceProcess;
  url: string;
  stop: () => Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The committed supergraph with each subgraph's URL replaced by where this run's subgraphs listen, so the
 * peer gateways plan over exactly the supergraph and subgraph processes ours uses.
 */
export async function writeBenchSupergraph(supergraphFile: string, subgraphUrls: Record<string, string>, out: string): Promise<void> {
  let sdl = await readFile(supergraphFile, 'utf8');
  for (const [name, url] of Object.entries(subgraphUrls)) {
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: )"[^"]*"`), `$1"${url}"`);
  }
  await writeFile(out, sdl);
}

/** Starts a peer gateway in production mode, signing its subgraph calls as `credentials` say, and waits until it answers. */
export async function startPeer(
  peer: PeerGateway,
  options: { port: number; supergraphFile: string; logDir: string; credentials: PeerCredentials; workers?: number },
): Promise<StartedPeer> {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(options.port),
    BENCH_SUPERGRAPH_FILE: options.supergraphFile,
    ...peerCredentialsEnv(options.credentials),
  };
  const service =
    peer === 'stock-apollo-gateway'
      ? spawnService(peer, join(here, 'stock-apollo-gateway.js'), options.port, env, options.logDir)
      : spawnService(`${peer}-${options.workers ?? 1}`, hiveCli(), options.port, { ...env, HOST: '127.0.0.1' }, options.logDir, [
          'supergraph',
          options.supergraphFile,
          '--config-path',
          join(here, 'hive-gateway.config.js'),
          '--fork',
          String(options.workers ?? 1),
        ]);
  const url = `${service.baseUrl}/graphql`;
  try {
    await answering(service, url);
  } catch (error) {
    await stopService(service);
    throw error;
  }
  return { service, url, stop: () => stopService(service) };
}

function hiveCli(): string {
  const manifest = createRequire(import.meta.url).resolve('@graphql-hive/gateway/package.json');
  return join(dirname(manifest), 'dist', 'bin.js');
}

async function answering(service: ServiceProcess, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null)
      throw new Error(`${service.name} exited with code ${service.child.exitCode}; see ${service.logFile}.`);
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(2_000),
    }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name} did not answer within ${timeoutMs / 1000} s; see ${service.logFile}.`);
}
