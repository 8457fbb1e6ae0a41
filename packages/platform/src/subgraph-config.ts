import type { JWK } from 'jose';
import { loadKeyFromEnv, loadKeyFromFile } from '@epr/identity';

export interface SubgraphConfig {
  databaseUrl: string;
  host: string;
  port: number;
  /** The gateway's public key: only credentials it signed are accepted. */
  gatewayPublicKey: JWK;
}

/**
 * Reads a subgraph's settings from the environment. Names are per service so one shell can run them all:
 * `PATIENT_PORT`, `CARE_PATHWAY_PORT`, ...; `SUBGRAPH_HOST` defaults to loopback so a subgraph is not
 * reachable from other machines unless an operator says so.
 */
export async function readSubgraphConfig(name: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): Promise<SubgraphConfig> {
  const prefix = name.toUpperCase().replace(/-/g, '_');
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: point it at the PostgreSQL server to use.');
  const port = Number(env[`${prefix}_PORT`] ?? defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${prefix}_PORT must be a port number.`);
  return {
    databaseUrl,
    host: env.SUBGRAPH_HOST ?? '127.0.0.1',
    port,
    gatewayPublicKey: await readGatewayPublicKey(env),
  };
}

async function readGatewayPublicKey(env: NodeJS.ProcessEnv): Promise<JWK> {
  if (env.GATEWAY_PUBLIC_JWK) return loadKeyFromEnv('GATEWAY_PUBLIC_JWK', 'public', env);
  if (env.GATEWAY_PUBLIC_JWK_FILE) return loadKeyFromFile(env.GATEWAY_PUBLIC_JWK_FILE, 'public');
  throw new Error('Set GATEWAY_PUBLIC_JWK (JSON) or GATEWAY_PUBLIC_JWK_FILE: subgraphs only trust the gateway key.');
}
