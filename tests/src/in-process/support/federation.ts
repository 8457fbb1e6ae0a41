import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type pg from 'pg';
import type { Caller } from '@epr/identity';
import {
  AccessControlStore,
  AuditTrail,
  ConsentRegister,
  createLogger,
  createPool,
  RelationshipRegister,
  RequestPolicy,
  subgraphEntry,
  subgraphNames,
  type AuditEventRow,
  type AuditStore,
  ServiceClient,
  type SubgraphContext,
  type SubgraphDefinition,
  type SubgraphName,
} from '@epr/platform';
import { policyFromEnvironment, type Policy } from '@epr/policy';
import { composeSupergraph } from '@epr/tools/composition/compose';
import { repoRoot } from '@epr/tools/db/repo-root';
import { DATABASE_MODULES } from '@epr/tools/db/subgraphs';
import { applyMigrations } from '@epr/tools/db/migrate';
import { seedDemoData } from '@epr/tools/seed/seed';
import { createTestDatabase, type TestDatabase } from '@epr/tools/stack/test-database';
import { patientSubgraph } from '@epr/subgraph-patient/subgraph';
import { carePathwaySubgraph } from '@epr/subgraph-care-pathway/subgraph';
import { schedulingSubgraph } from '@epr/subgraph-scheduling/subgraph';
import { auditSubgraph } from '@epr/subgraph-audit/subgraph';
import { people, type Person } from '../../support/people.js';

/**
 * The security log as a list in memory: what each request appended, in order. Tests read what was decided
 * here instead of through the audit subgraph (whose own reads then find an empty log).
 */
export class RecordingAuditStore implements AuditStore {
  readonly events: AuditEventRow[] = [];

  async append(events: AuditEventRow[]): Promise<void> {
    this.events.push(...events);
  }

  async appendWithin(_run: unknown, events: AuditEventRow[]): Promise<void> {
    this.events.push(...events);
  }

  async close(): Promise<void> {}

  /** The events of one request. */
  ofRequest(requestId: string): AuditEventRow[] {
    return this.events.filter((event) => event.request_id === requestId);
  }
}

const definitions: Record<SubgraphName, SubgraphDefinition<object>> = {
  patient: patientSubgraph,
  'care-pathway': carePathwaySubgraph,
  scheduling: schedulingSubgraph,
  audit: auditSubgraph,
} as Record<SubgraphName, SubgraphDefinition<object>>;

/** One subgraph built in this process: its guarded schema and how a request's context is made. */
interface LocalSubgraph {
  schema: GraphQLSchema;
  createContext: (base: SubgraphContext) => SubgraphContext;
  close?: () => Promise<void>;
}

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  /** The gateway's id for this request: `audit.ofRequest(requestId)` is what it recorded. */
  requestId: string;
}

/**
 * The four subgraphs and a gateway in this test process, with no HTTP between them: the committed subgraph SDLs
 * composed here, each subgraph built from its own definition (real resolvers, services, shield rules, policy and
 * stores) on a PostgreSQL of this test file's own (migrated and seeded with the demo data), and the gateway
 * planning over them with a data source that runs a subgraph's schema directly. A caller is what the real
 * gateway would vouch for: the directory (the patient subgraph, asked as the gateway itself) says the role
 * profile's job role, organisation and teams. The security log is a RecordingAuditStore.
 */
export class InProcessFederation {
  readonly audit = new RecordingAuditStore();
  readonly policy: Policy = policyFromEnvironment();
  private readonly pools: pg.Pool[] = [];
  private readonly subgraphs = new Map<SubgraphName, LocalSubgraph>();
  private server: ApolloServer<{ caller: Caller }> | undefined;
  private database: TestDatabase | undefined;
  /** The access-control fact store the subgraphs' policies read (real, on this file's database). */
  accessControl!: AccessControlStore;
  databaseUrl = '';

  static async start(): Promise<InProcessFederation> {
    const federation = new InProcessFederation();
    try {
      await federation.boot();
    } catch (error) {
      await federation.close();
      throw error;
    }
    return federation;
  }

  private async boot(): Promise<void> {
    process.env['LOG_LEVEL'] ??= 'silent';
    this.database = await createTestDatabase('in_process');
    this.databaseUrl = this.database.url;
    for (const module of DATABASE_MODULES) await applyMigrations(this.databaseUrl, module);
    await seedDemoData(this.databaseUrl);
    const policyPool = this.pool('access_control', 'policy');
    this.accessControl = new AccessControlStore(policyPool);
    for (const name of subgraphNames) {
      const built = definitions[name].build({
        pool: this.pool(subgraphEntry(name).postgresSchema, name),
        logger: createLogger(name),
        relationships: new RelationshipRegister(this.policy),
        consents: new ConsentRegister(policyPool),
        serviceClient: this.serviceClient(name),
      });
      this.subgraphs.set(name, built);
    }
    const composition = await composeSupergraph(join(repoRoot(), 'schema'));
    if (!composition.ok) throw new Error(`The subgraph SDLs do not compose:\n${composition.errors.join('\n')}`);
    const gateway = new ApolloGateway({
      supergraphSdl: composition.supergraphSdl,
      buildService: ({ name }) => this.dataSource(name as SubgraphName),
    });
    this.server = new ApolloServer<{ caller: Caller }>({ gateway, includeStacktraceInErrorResponses: false });
    await this.server.start();
  }

  /** Runs one operation through the gateway as a demo person (or any caller), as the real gateway would. */
  async as<T = Record<string, any>>(
    who: Person | Caller,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLAnswer<T>> {
    const caller = typeof who === 'string' ? await this.callerOf(who) : who;
    const response = await this.server!.executeOperation<T>({ query, variables }, { contextValue: { caller } });
    if (response.body.kind !== 'single') throw new Error('Expected a single result');
    const { data, errors } = response.body.singleResult;
    return {
      ...(data !== undefined ? { data } : {}),
      ...(errors ? { errors: errors } : {}),
      requestId: caller.requestId,
    };
  }

  /**
   * The caller a session of this demo person becomes at the gateway: the directory's answer for the role
   * profile (asked of the patient subgraph as the gateway itself), and a fresh request id.
   */
  async callerOf(who: Person): Promise<Caller> {
    const { userId, roleProfileId } = people[who];
    const system: Caller = {
      kind: 'system',
      userId: 'epr-gateway',
      roleProfileId: 'system',
      jobRoleCode: 'SYSTEM',
      organisationOds: 'EPR',
      requestId: randomUUID(),
    };
    const answer = await this.execute<{
      _sessionRoleProfile: { jobRoleCode: string; organisationOds: string; teamIds: string[]; patientId: string | null } | null;
    }>(
      'patient',
      `query ($userId: ID!, $roleProfileId: ID!) { _sessionRoleProfile(userId: $userId, roleProfileId: $roleProfileId) {
        jobRoleCode organisationOds teamIds patientId } }`,
      { userId, roleProfileId },
      system,
    );
    const profile = answer.data?._sessionRoleProfile;
    if (!profile) throw new Error(`The directory does not know ${userId} in ${roleProfileId}: ${JSON.stringify(answer.errors)}`);
    return {
      kind: 'user',
      userId,
      roleProfileId,
      jobRoleCode: profile.jobRoleCode,
      organisationOds: profile.organisationOds,
      teamIds: profile.teamIds,
      ...(profile.patientId !== null ? { patientId: profile.patientId } : {}),
      sessionId: `in-process-${randomUUID()}`,
      requestId: randomUUID(),
    };
  }

  /**
   * A RequestPolicy for this caller as a subgraph makes one per request: the policy in force, the real fact store
   * and an audit trail on the recording store (for tests of the policy itself).
   */
  requestPolicy(caller: Caller, subgraph: SubgraphName = 'patient'): { policy: RequestPolicy; trail: AuditTrail } {
    const trail = new AuditTrail(this.audit, subgraph, caller);
    return { policy: new RequestPolicy(this.policy, caller, this.accessControl, trail), trail };
  }

  /**
   * The context one request to subgraph `name` gets: the platform's part and the subgraph's services (for a
   * service class no GraphQL field reaches, such as the tracking-list export). `audit.flush()` writes what it recorded.
   */
  contextOf<C extends object = object>(name: SubgraphName, caller: Caller): SubgraphContext & C {
    const { policy, trail } = this.requestPolicy(caller, name);
    const base = { caller, requestId: caller.requestId, logger: createLogger(name), audit: trail, policy };
    return this.subgraphs.get(name)!.createContext(base) as SubgraphContext & C;
  }

  /** One operation on one subgraph, straight to its schema (what a gateway fetch would carry), audit written after. */
  async execute<T>(name: SubgraphName, query: string, variables: Record<string, unknown>, caller: Caller): Promise<ExecutionResult<T>> {
    const context = this.contextOf(name, caller);
    const { schema } = this.subgraphs.get(name)!;
    const result = (await graphql({ schema, source: query, variableValues: variables, contextValue: context })) as ExecutionResult<T>;
    await context.audit.flush();
    return result;
  }

  async close(): Promise<void> {
    await this.server?.stop();
    for (const subgraph of this.subgraphs.values()) await subgraph.close?.();
    await Promise.all(this.pools.map((pool) => pool.end()));
    await this.database?.dispose();
  }

  private pool(schema: string, name: string): pg.Pool {
    const pool = createPool({ url: this.databaseUrl, schema, applicationName: `epr-in-process-${name}`, maxConnections: 4 });
    this.pools.push(pool);
    return pool;
  }

  /** A subgraph's calls to another in its own name (scheduling delivering outcomes, care-pathway asking the directory). */
  private serviceClient(service: SubgraphName): ServiceClient {
    const client = {
      request: async <T>(target: string, query: string, variables: Record<string, unknown>, requestId: string): Promise<T> => {
        const caller: Caller = {
          kind: 'service',
          userId: service,
          roleProfileId: 'service',
          jobRoleCode: 'SERVICE',
          organisationOds: 'EPR',
          requestId,
        };
        const result = await this.execute<T>(target as SubgraphName, query, variables, caller);
        if (result.errors?.length || !result.data) throw new Error(`${target}: ${result.errors?.map((e) => e.message).join('; ')}`);
        return result.data;
      },
    };
    // ServiceClient's own `ask` over this `request`: an unreachable directory is handled as in the real one.
    return Object.assign(client, { ask: ServiceClient.prototype.ask.bind(client as unknown as ServiceClient) }) as unknown as ServiceClient;
  }

  private dataSource(name: SubgraphName): GraphQLDataSource<{ caller: Caller }> {
    return {
      process: async ({ request, context }) => {
        const result = await this.execute<Record<string, unknown>>(name, request.query!, request.variables ?? {}, context.caller);
        return {
          ...(result.data !== undefined ? { data: result.data } : {}),
          ...(result.errors ? { errors: result.errors.map((error) => error.toJSON()) } : {}),
        };
      },
    };
  }
}

/** For a test file: the federation is started before its tests and closed after them; call the result to reach it. */
export function inProcessFederation(): () => InProcessFederation {
  let federation: InProcessFederation | undefined;
  beforeAll(async () => {
    federation = await InProcessFederation.start();
  }, 120_000);
  afterAll(async () => {
    await federation?.close();
  });
  return () => {
    if (!federation) throw new Error('The in-process federation is not running (it starts in beforeAll).');
    return federation;
  };
}
