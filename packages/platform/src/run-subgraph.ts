import type pg from 'pg';
import type { GraphQLSchema } from 'graphql';
import { createCredentialTrust, type Caller } from '@epr/identity';
import { createLogger, type Logger } from './logger.js';
import { createPool } from './database.js';
import { AuditTrail } from './audit-trail.js';
import { ChainedAuditStore } from './audit-store.js';
import type { SubgraphContext } from './context.js';
import { startSubgraphServer, type RunningServer } from './subgraph-server.js';
import { readSubgraphConfig, type SubgraphConfig } from './subgraph-config.js';
import { ServiceClient } from './service-client.js';
import { policyFromEnvironment } from '@epr/policy';
import { AccessControlStore } from './policy/access-control-store.js';
import { RequestPolicy } from './policy/request-policy.js';
import { RelationshipRegister } from './policy/relationship-register.js';
import { ConsentRegister } from './policy/consent-register.js';
import type { SubgraphRoute } from './http-routes.js';
import { subgraphEntry, type SubgraphName } from './subgraph-manifest.js';
import { runServiceProcess } from './telemetry/service-process.js';

/** What a subgraph supplies; the platform supplies the server, identity check, pools, audit and logs. */
export interface SubgraphDefinition<TServices extends object> {
  /** Its name in the subgraph manifest, which says its port and Postgres schema. */
  name: SubgraphName;
  build: (deps: SubgraphDependencies) => BuiltSubgraph<TServices>;
}

export interface SubgraphDependencies {
  pool: pg.Pool;
  logger: Logger;
  /** For calls to other subgraphs in this subgraph's own name; absent when no service key is configured. */
  serviceClient?: ServiceClient;
  /** Creates legitimate relationships (care processes, self-claims, grants) and break-glass access. */
  relationships: RelationshipRegister;
  /** A patient's consents and nominations. */
  consents: ConsentRegister;
}

export interface BuiltSubgraph<TServices extends object> {
  /** The schema with its rules applied. */
  schema: GraphQLSchema;
  /** Adds the subgraph's per-request services (all its resolvers may call) to the platform's context. */
  createContext: (base: SubgraphContext) => SubgraphContext & TServices;
  /** HTTP endpoints beside /graphql, for the gateway only (e.g. streamed exports). */
  routes?: readonly SubgraphRoute<SubgraphContext & TServices>[];
  close?: () => Promise<void>;
}

/** Starts a subgraph with explicit configuration (used by `runSubgraph` and by in-process tests). */
export async function startSubgraph<TServices extends object>(
  definition: SubgraphDefinition<TServices>,
  config: SubgraphConfig,
): Promise<RunningServer> {
  const logger = createLogger(definition.name);
  const pool = createPool({
    url: config.databaseUrl,
    schema: subgraphEntry(definition.name).postgresSchema,
    applicationName: `epr-${definition.name}`,
  });
  const auditStore = new ChainedAuditStore(config.audit, definition.name);
  // Policy facts get their own small pool so /metrics shows data and policy statements apart.
  const policyPool = createPool({
    url: config.databaseUrl,
    schema: 'access_control',
    maxConnections: 4,
    applicationName: `epr-${definition.name}-policy`,
    // Its hot statement is prepared (AccessControlStore): planned once per connection, not re-planned on each call,
    // as PostgreSQL would otherwise choose for it. The setting applies to every parameterised statement on this pool
    // (the protocol's unnamed ones too), and all of them are key look-ups and writes, for which a generic plan is right.
    settings: { plan_cache_mode: 'force_generic_plan' },
  });
  const policy = policyFromEnvironment();
  const accessControl = new AccessControlStore(policyPool);
  const credentials = await createCredentialTrust({ gateway: config.gatewayPublicKey, services: config.trustedServices });
  const serviceClient = config.servicePrivateKey
    ? await ServiceClient.create(definition.name, config.servicePrivateKey, config.subgraphUrls)
    : undefined;
  const built = definition.build({
    pool,
    logger,
    relationships: new RelationshipRegister(policy),
    consents: new ConsentRegister(policyPool),
    ...(serviceClient ? { serviceClient } : {}),
  });
  const server = await startSubgraphServer<SubgraphContext & TServices>({
    name: definition.name,
    schema: built.schema,
    host: config.host,
    port: config.port,
    logger,
    verifyCredential: (token, binding) => credentials.verify(token, binding),
    createContext: (caller: Caller, requestLogger: Logger) => {
      const audit = new AuditTrail(auditStore, definition.name, caller);
      return built.createContext({
        caller,
        requestId: caller.requestId,
        logger: requestLogger,
        audit,
        policy: new RequestPolicy(policy, caller, accessControl, audit),
      });
    },
    checkReadiness: async () => {
      await pool.query('SELECT 1');
    },
    ...(built.routes ? { routes: built.routes } : {}),
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await built.close?.();
      await Promise.all([pool.end(), auditStore.close(), policyPool.end()]);
    },
  };
}

/** The process entry point of a subgraph: configuration from the environment, clean stop on SIGINT/SIGTERM. */
export async function runSubgraph<TServices extends object>(definition: SubgraphDefinition<TServices>): Promise<void> {
  // Tracing starts before the schema is built: its resolvers get spans only when tracing is on.
  await runServiceProcess(definition.name, async () => startSubgraph(definition, await readSubgraphConfig(definition.name)));
}
