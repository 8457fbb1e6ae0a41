import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  defaultGatewayPort,
  gatewayPort,
  subgraphEnvPrefix,
  subgraphManifest,
  subgraphNames,
  subgraphPort,
  subgraphUrlEnvironment,
  type SubgraphName,
} from '@epr/platform';
import { DATABASE_MODULES } from '../db/subgraphs.js';
import { findFreePort } from '../db/free-port.js';
import { applyMigrations } from '../db/migrate.js';
import { repoRoot } from '../db/repo-root.js';
import { seedDemoData } from '../seed/seed.js';
import {
  DEV_AUDIENCE,
  DEV_ISSUER,
  devIssuerKeyFiles,
  ensureDevIssuerKeys,
  ensureGatewayKeys,
  ensureServiceKeys,
  gatewayKeyFiles,
} from '../dev-issuer/index.js';
import { ensureAuditKeyFile } from '../audit/audit-key-file.js';
import { spawnService, stopService, waitUntilReady, type ServiceProcess } from './service-process.js';

export interface StackPorts {
  gateway: number;
  subgraphs: Record<SubgraphName, number>;
}

/** The manifest's ports: where `npm start` puts everything unless told otherwise. */
export const defaultPorts: StackPorts = {
  gateway: defaultGatewayPort,
  subgraphs: Object.fromEntries(subgraphManifest.map((s) => [s.name, s.port])) as Record<SubgraphName, number>,
};

/** A free port for the gateway and each subgraph: for stacks beside anything else running (tests, benchmarks). */
export async function freePorts(): Promise<StackPorts> {
  const subgraphs = {} as Record<SubgraphName, number>;
  for (const name of subgraphNames) subgraphs[name] = await findFreePort();
  return { gateway: await findFreePort(), subgraphs };
}

/** `GATEWAY_PORT` and `<SUBGRAPH>_PORT` (`CARE_PATHWAY_PORT`, …) where set, else the manifest's ports. */
export function portsFromEnv(env: NodeJS.ProcessEnv = process.env): StackPorts {
  return {
    gateway: gatewayPort(env),
    subgraphs: Object.fromEntries(subgraphNames.map((name) => [name, subgraphPort(name, env)])) as Record<SubgraphName, number>,
  };
}

export interface StackOptions {
  databaseUrl: string;
  ports?: StackPorts;
  /** Where the dev issuer's and the gateway's keys live (created on first use). */
  keyDir: string;
  /** Each service writes `<logDir>/<service>.log`. */
  logDir: string;
  seed?: boolean;
  logLevel?: string;
  /** Extra environment for every service, e.g. `NODE_ENV` (production unless the caller's says otherwise). */
  env?: NodeJS.ProcessEnv;
  /** Extra environment for the gateway only, e.g. `GATEWAY_WORKERS`. */
  gatewayEnv?: NodeJS.ProcessEnv;
}

export interface RunningStack {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  services: ServiceProcess[];
  stop: () => Promise<void>;
  /** Starts another gateway over these subgraphs, e.g. with other settings to compare; stopped with the stack. */
  startGateway: (name: string, port: number, env: NodeJS.ProcessEnv) => Promise<ServiceProcess>;
  /** Stops one subgraph, e.g. to see how the rest copes while it is down; `startService` brings it back. */
  stopService: (name: SubgraphName) => Promise<void>;
  /** Starts a subgraph stopped with `stopService` again, as it was (same port and settings), and waits until it is ready. */
  startService: (name: SubgraphName) => Promise<void>;
}

/**
 * What a gateway process needs to serve these subgraphs to sessions of the dev issuer whose keys (and the
 * gateway's) are in `keyDir`. The stack's gateway uses it, and so do tests that start a gateway of their own.
 */
export function gatewayEnvironment(keyDir: string, subgraphUrls: Record<SubgraphName, string>): NodeJS.ProcessEnv {
  return {
    SESSION_ISSUER: DEV_ISSUER,
    SESSION_AUDIENCE: DEV_AUDIENCE,
    SESSION_JWKS_FILE: devIssuerKeyFiles(keyDir).jwks,
    GATEWAY_PRIVATE_JWK_FILE: gatewayKeyFiles(keyDir).privateKey,
    ...subgraphUrlEnvironment(subgraphUrls),
  };
}

/**
 * Brings the whole system up on a database: migrations for every subgraph, demo data, keys, the four
 * subgraphs and then the gateway, each as its own process, each waited for until it reports ready.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const ports = options.ports ?? defaultPorts;
  for (const module of DATABASE_MODULES) await applyMigrations(options.databaseUrl, module);
  if (options.seed ?? true) await seedDemoData(options.databaseUrl);
  await mkdir(options.logDir, { recursive: true });
  await ensureDevIssuerKeys(options.keyDir);
  const gatewayKeys = await ensureGatewayKeys(options.keyDir);
  const serviceKeys = await ensureServiceKeys(options.keyDir, subgraphNames);
  const auditKeyFile = await ensureAuditKeyFile(options.keyDir);

  const root = repoRoot();
  const common = {
    ...process.env,
    LOG_LEVEL: options.logLevel ?? process.env['LOG_LEVEL'] ?? 'info',
    NODE_ENV: process.env['NODE_ENV'] ?? 'production',
    ...options.env,
  };
  const services: ServiceProcess[] = [];
  const stop = async () => {
    await Promise.all(services.map(stopService));
  };
  const respawn = new Map<SubgraphName, () => ServiceProcess>();
  const serviceNamed = (name: SubgraphName) => {
    const index = services.findIndex((s) => s.name === name);
    if (index < 0) throw new Error(`No service named ${name} in this stack.`);
    return index;
  };
  const subgraphUrls = Object.fromEntries(subgraphNames.map((s) => [s, `http://127.0.0.1:${ports.subgraphs[s]}/graphql`])) as Record<
    SubgraphName,
    string
  >;
  const subgraphUrlEnv = subgraphUrlEnvironment(subgraphUrls);
  try {
    for (const subgraph of subgraphNames) {
      const prefix = subgraphEnvPrefix(subgraph);
      respawn.set(subgraph, () =>
        spawnService(
          subgraph,
          join(root, 'subgraphs', subgraph, 'dist', 'main.js'),
          ports.subgraphs[subgraph],
          {
            ...common,
            DATABASE_URL: options.databaseUrl,
            [`${prefix}_PORT`]: String(ports.subgraphs[subgraph]),
            GATEWAY_PUBLIC_JWK_FILE: gatewayKeys.publicKeyFile,
            TRUSTED_SERVICE_KEYS_FILE: serviceKeys.trustedKeysFile,
            SERVICE_PRIVATE_JWK_FILE: serviceKeys.privateKeyFiles[subgraph],
            AUDIT_HMAC_KEY_FILE: auditKeyFile,
            ...subgraphUrlEnv,
          },
          options.logDir,
        ),
      );
      services.push(respawn.get(subgraph)!());
    }
    await Promise.all(services.map((s) => waitUntilReady(s)));
    const spawnGateway = (name: string, port: number, env: NodeJS.ProcessEnv | undefined) =>
      spawnService(
        name,
        join(root, 'gateway', 'dist', 'main.js'),
        port,
        { ...common, GATEWAY_PORT: String(port), ...gatewayEnvironment(options.keyDir, subgraphUrls), ...env },
        options.logDir,
      );
    const gateway = spawnGateway('gateway', ports.gateway, options.gatewayEnv);
    services.push(gateway);
    await waitUntilReady(gateway);
    return {
      gatewayUrl: `${gateway.baseUrl}/graphql`,
      subgraphUrls,
      services,
      stop,
      startGateway: async (name, port, env) => {
        const another = spawnGateway(name, port, env);
        services.push(another);
        await waitUntilReady(another);
        return another;
      },
      stopService: (name) => stopService(services[serviceNamed(name)]!),
      startService: async (name) => {
        const index = serviceNamed(name);
        services[index] = respawn.get(name)!();
        await waitUntilReady(services[index]);
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
