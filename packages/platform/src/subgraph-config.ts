import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { loadKeyFromEnv, loadKeyFromFile } from '@epr/identity';
import { readAuditStoreConfig, type AuditStoreConfig } from './audit-store.js';
import { subgraphPort, subgraphUrlsFromEnv, type SubgraphName } from './subgraph-manifest.js';

export interface SubgraphConfig {
  databaseUrl: string;
  host: string;
  port: number;
  /** The gateway's public key: user and gateway credentials must be signed with its private half. */
  gatewayPublicKey: JWK;
  /** Services allowed to call this subgraph in their own name, with their public keys. */
  trustedServices: Record<string, JWK>;
  /** This subgraph's own key, for calling other subgraphs in its own name (optional). */
  servicePrivateKey?: JWK;
  /** Where the other subgraphs are, for service calls (`PATIENT_URL`, `CARE_PATHWAY_URL`, ...). */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Where and with which key this subgraph appends to the security log. */
  audit: AuditStoreConfig;
}

/**
 * Reads a subgraph's settings from the environment. Names are per service so one shell can run them all:
 * `PATIENT_PORT`, `CARE_PATHWAY_PORT`, ...; `SUBGRAPH_HOST` defaults to loopback so a subgraph is not
 * reachable from other machines unless an operator says so.
 */
export async function readSubgraphConfig(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): Promise<SubgraphConfig> {
  const databaseUrl = env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: point it at the PostgreSQL server to use.');
  const port = subgraphPort(name, env);
  const subgraphUrls = subgraphUrlsFromEnv(env);
  const servicePrivateKey = env['SERVICE_PRIVATE_JWK_FILE'] ? await loadKeyFromFile(env['SERVICE_PRIVATE_JWK_FILE'], 'private') : undefined;
  return {
    databaseUrl,
    host: env['SUBGRAPH_HOST'] ?? '127.0.0.1',
    port,
    gatewayPublicKey: await readGatewayPublicKey(env),
    trustedServices: env['TRUSTED_SERVICE_KEYS_FILE'] ? await readTrustedServices(env['TRUSTED_SERVICE_KEYS_FILE']) : {},
    ...(servicePrivateKey ? { servicePrivateKey } : {}),
    subgraphUrls,
    audit: await readAuditStoreConfig(env, databaseUrl),
  };
}

async function readGatewayPublicKey(env: NodeJS.ProcessEnv): Promise<JWK> {
  if (env['GATEWAY_PUBLIC_JWK']) return loadKeyFromEnv('GATEWAY_PUBLIC_JWK', 'public', env);
  if (env['GATEWAY_PUBLIC_JWK_FILE']) return loadKeyFromFile(env['GATEWAY_PUBLIC_JWK_FILE'], 'public');
  throw new Error('Set GATEWAY_PUBLIC_JWK (JSON) or GATEWAY_PUBLIC_JWK_FILE: subgraphs only trust the gateway key.');
}

/** `{ "<service>": <public JWK> }`; a key with private members is refused by the credential verifier. */
async function readTrustedServices(file: string): Promise<Record<string, JWK>> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} must map service names to public JWKs.`);
  }
  return parsed as Record<string, JWK>;
}
