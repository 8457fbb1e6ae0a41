import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { JwksSource } from '@epr/identity';
import { policyFromEnvironment } from '@epr/policy';
import {
  gatewayPort,
  readOperationLimits,
  sharedHostWorkers,
  subgraphUrlsFromEnv,
  wholeNumberSetting,
  type OperationLimits,
  type SubgraphName,
} from '@epr/platform';
import type { SubgraphResilience } from './resilience/subgraph-guard.js';
import { readRateLimits, type RateLimits } from './rate-limits/rate-limits.js';
import { TrustedDocuments } from './documents/trusted-documents.js';
import { readExplorerSwitch } from './http/explorer.js';
import { readCorsOrigins } from './http/cors.js';

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphFile: string;
  /** Which session tokens to accept; the maximum session age is policy data (POLICY_FILE, sessionMaxAgeHours). */
  session: { issuer: string; audience: string; jwks: JwksSource; maxSessionAgeSeconds: number };
  /** The gateway's own Ed25519 private key (JWK), used to sign the credential subgraphs trust. */
  privateKey: { json?: string; file?: string };
  /** Per-subgraph URL overrides (`PATIENT_URL`, ...); otherwise the URLs in the supergraph are used. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** The schema explorer at /explorer and introspection (`GATEWAY_EXPLORER`); off unless set. */
  explorer?: boolean;
  /** Origins of browser portals allowed to call the gateway (`GATEWAY_CORS_ORIGINS`); none unless set. */
  corsOrigins?: string[];
  /** Where the built pages are: `<pagesDir>/explorer`, `<pagesDir>/portal`; web/dist unless set. */
  pagesDir?: string;
  /** Performance settings; each has a measured default (docs/benchmarks.md, "gateway"). */
  tuning?: Partial<GatewayTuning>;
  /** How large one operation may be (`OPERATION_MAX_*`); the platform's defaults otherwise. */
  limits?: Partial<OperationLimits>;
  /** Subgraph timeout and circuit breaker (`GATEWAY_SUBGRAPH_TIMEOUT_MS`, `GATEWAY_BREAKER_*`). */
  resilience?: Partial<SubgraphResilience>;
  /** Rate limits per session, user and address (`GATEWAY_RATE_LIMITS`, `GATEWAY_RATE_LIMITS_FILE`); the defaults if absent. */
  rateLimits?: RateLimits | 'off';
  /** Trusted documents (`GATEWAY_TRUSTED_DOCUMENTS`), and whether only they may run (unless `GATEWAY_ALLOW_ARBITRARY_DOCUMENTS`). */
  documents?: { trusted: TrustedDocuments; requireTrusted: boolean } | undefined;
}

export interface GatewayTuning {
  /** Keep-alive connections the gateway holds open to each subgraph; 0, no limit (`GATEWAY_SUBGRAPH_CONNECTIONS`). */
  subgraphConnections: number;
  /** Memory for cached query plans, in MiB (`GATEWAY_QUERY_PLAN_CACHE_MIB`). */
  queryPlanCacheMiB: number;
  /** Responses at least this large are compressed for clients that accept it; 0 never (`GATEWAY_COMPRESS_MIN_BYTES`). */
  compressMinBytes: number;
  /** Memory for parsed and validated documents, in MiB of heap (`GATEWAY_DOCUMENT_CACHE_MIB`). */
  documentCacheMiB: number;
  /** Memory for automatic persisted queries registered by clients, in MiB (`GATEWAY_APQ_CACHE_MIB`). */
  persistedQueryCacheMiB: number;
}

export const defaultTuning: GatewayTuning = {
  subgraphConnections: 32,
  queryPlanCacheMiB: 30,
  // About one TCP initial congestion window (10 × 1460 bytes): a smaller answer arrives in the first flight
  // anyway, so compressing it would spend CPU to save no round trip.
  compressMinBytes: 14_600,
  // Room for about a thousand distinct operations of a portal's size: far more than the portals send.
  documentCacheMiB: 16,
  persistedQueryCacheMiB: 8,
};

const defaultSupergraph = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
export const builtPages = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Gateway settings from the environment; the README lists every variable. */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const jwks: JwksSource | undefined = env['SESSION_JWKS_URL']
    ? { url: env['SESSION_JWKS_URL'] }
    : env['SESSION_JWKS_FILE']
      ? { file: env['SESSION_JWKS_FILE'] }
      : undefined;
  if (!jwks)
    throw new Error('Set SESSION_JWKS_URL or SESSION_JWKS_FILE: the keys of the identity provider whose session tokens to accept.');
  const issuer = required(env, 'SESSION_ISSUER');
  const audience = required(env, 'SESSION_AUDIENCE');
  if (!env['GATEWAY_PRIVATE_JWK'] && !env['GATEWAY_PRIVATE_JWK_FILE']) {
    throw new Error('Set GATEWAY_PRIVATE_JWK or GATEWAY_PRIVATE_JWK_FILE: the key the gateway signs subgraph credentials with.');
  }
  return {
    host: env['GATEWAY_HOST'] ?? '127.0.0.1',
    port: gatewayPort(env),
    supergraphFile: env['SUPERGRAPH_FILE'] ?? defaultSupergraph,
    session: { issuer, audience, jwks, maxSessionAgeSeconds: policyFromEnvironment(env).sessionMaxAgeHours * 3600 },
    privateKey: {
      ...(env['GATEWAY_PRIVATE_JWK'] ? { json: env['GATEWAY_PRIVATE_JWK'] } : {}),
      ...(env['GATEWAY_PRIVATE_JWK_FILE'] ? { file: env['GATEWAY_PRIVATE_JWK_FILE'] } : {}),
    },
    subgraphUrls: subgraphUrlsFromEnv(env),
    explorer: readExplorerSwitch(env),
    corsOrigins: readCorsOrigins(env),
    tuning: {
      ...optionalCount(env, 'GATEWAY_SUBGRAPH_CONNECTIONS', 'subgraphConnections', 0),
      ...optionalCount(env, 'GATEWAY_QUERY_PLAN_CACHE_MIB', 'queryPlanCacheMiB', 1),
      ...optionalCount(env, 'GATEWAY_COMPRESS_MIN_BYTES', 'compressMinBytes', 0),
      ...optionalCount(env, 'GATEWAY_DOCUMENT_CACHE_MIB', 'documentCacheMiB', 1),
      ...optionalCount(env, 'GATEWAY_APQ_CACHE_MIB', 'persistedQueryCacheMiB', 1),
    },
    limits: readOperationLimits(env),
    rateLimits: readRateLimits(env),
    documents: readDocumentSettings(env),
    resilience: {
      ...optionalCount(env, 'GATEWAY_SUBGRAPH_TIMEOUT_MS', 'timeoutMs', 1),
      ...optionalCount(env, 'GATEWAY_BREAKER_FAILURES', 'breakerFailures', 1),
      ...optionalCount(env, 'GATEWAY_BREAKER_PROBE_MS', 'breakerProbeMs', 1),
    },
  };
}

/**
 * `GATEWAY_TRUSTED_DOCUMENTS` names the manifest of the first-party clients' operations, and then only they run
 * (production); `GATEWAY_ALLOW_ARBITRARY_DOCUMENTS=true` lets other documents run beside them (partner
 * development). Without a manifest any document runs.
 */
function readDocumentSettings(env: NodeJS.ProcessEnv): GatewayConfig['documents'] {
  const allowArbitrary = env['GATEWAY_ALLOW_ARBITRARY_DOCUMENTS'] ?? 'false';
  if (allowArbitrary !== 'true' && allowArbitrary !== 'false')
    throw new Error(`GATEWAY_ALLOW_ARBITRARY_DOCUMENTS must be "true" or "false"; it is "${allowArbitrary}".`);
  if (!env['GATEWAY_TRUSTED_DOCUMENTS']) return { trusted: TrustedDocuments.none(), requireTrusted: false };
  return { trusted: TrustedDocuments.fromFile(env['GATEWAY_TRUSTED_DOCUMENTS']), requireTrusted: allowArbitrary === 'false' };
}

/**
 * How many gateway processes share the port (`GATEWAY_WORKERS`): a number; `auto` for one per core (a host the
 * gateway has to itself); unset, the gateway's share of a host it shares with the subgraphs and PostgreSQL — a
 * quarter of the cores, at least one. On such a host the gateway is about a quarter of a patient summary's CPU
 * (docs/benchmarks.md), and workers beyond its share only contend with the subgraphs for the same cores: on the
 * 2-core machine two workers served no more than one.
 */
export function readGatewayWorkers(env: NodeJS.ProcessEnv = process.env, cores: number = availableParallelism()): number {
  if (env['GATEWAY_WORKERS'] === 'auto') return cores;
  return optionalCount(env, 'GATEWAY_WORKERS', 'workers', 1).workers ?? sharedHostWorkers(cores);
}

function optionalCount<K extends string>(env: NodeJS.ProcessEnv, name: string, key: K, min: number): Partial<Record<K, number>> {
  const value = wholeNumberSetting(env, name, min);
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, number>>);
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set.`);
  return value;
}
