import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { createCredentialSigner, createSessionVerifier, loadKeyFromEnv, loadKeyFromFile } from '@epr/identity';
import {
  contextFromHeaders,
  createLogger,
  sendJson,
  serveHttp,
  errorBody,
  ErrorCode,
  defaultOperationLimits,
  metrics,
  operationLimitOptions,
  SpanKind,
  tracedIn,
} from '@epr/platform';
import { builtPages, defaultTuning, type GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { supergraphFromFile } from './supergraph-file.js';
import { SignedDataSource } from './signed-data-source.js';
import { SubgraphRegistry } from './subgraph-registry.js';
import { RoleProfileDirectory } from './role-profile-directory.js';
import { formatGatewayError } from './format-error.js';
import { createSubgraphFetcher } from './subgraph-fetcher.js';
import { defaultResilience } from './resilience/subgraph-guard.js';
import { RequestBudgets } from './rate-limits/request-budgets.js';
import { defaultRateLimits } from './rate-limits/rate-limits.js';
import { rateLimitedDoor } from './rate-limits/rate-limited-door.js';
import { rateLimitedError } from './rate-limits/refusal.js';
import { documentCache, persistedQueryCache } from './documents/document-caches.js';
import { documentPolicy } from './documents/document-policy.js';
import { TrustedDocuments } from './documents/trusted-documents.js';
import type { GatewayRoute } from './http/route.js';
import { sessionDoor } from './http/session.js';
import { graphqlRoute } from './http/graphql-route.js';
import { healthRoutes } from './http/health-routes.js';
import { reportRoutes } from './http/report-routes.js';
import { ReportExports } from './report-exports.js';
import { corsPolicy } from './http/cors.js';
import { introspectionSwitchedOff } from './http/explorer.js';
import { webPageRoutes } from './http/web-pages.js';
import { fhirRoute } from './fhir/fhir-route.js';
import { policyFromEnvironment } from '@epr/policy';
import { operationNamePlugin, rateLimitRefusals } from './telemetry/gateway-metrics.js';
import { metricsRoute } from './http/metrics-route.js';

export interface RunningGateway {
  url: string;
  close: () => Promise<void>;
}

/**
 * The gateway: authenticates every request (session token + directory check), then plans and executes it over
 * the subgraphs with a credential it signs. /health/live and /health/ready are for orchestrators; /explorer
 * (when switched on) and /portal/ are pages for people, built with the rest.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const logger = createLogger('gateway');
  const privateKey = config.privateKey.json
    ? loadKeyFromEnv('GATEWAY_PRIVATE_JWK', 'private', { GATEWAY_PRIVATE_JWK: config.privateKey.json })
    : await loadKeyFromFile(config.privateKey.file ?? '', 'private');
  const signer = await createCredentialSigner({ privateKey });
  const verifier = createSessionVerifier(config.session);
  const registry = new SubgraphRegistry(config.subgraphUrls);
  const directory = new RoleProfileDirectory(() => registry.url('patient'), signer, config.session.maxSessionAgeSeconds);
  const tuning = { ...defaultTuning, ...config.tuning };
  const explorerOn = config.explorer ?? false;
  const subgraphs = createSubgraphFetcher(tuning.subgraphConnections, { ...defaultResilience, ...config.resilience }, logger, (url) =>
    registry.nameOf(url),
  );
  const budgets = config.rateLimits === 'off' ? undefined : new RequestBudgets(config.rateLimits ?? defaultRateLimits);
  // Checked before the gateway plans an operation: a refused one costs a parse and a validation pass, no more.
  // Within the limits, the operation's cost is charged to the caller's rate limits.
  const limits = operationLimitOptions<GatewayContext>({ ...defaultOperationLimits, ...config.limits }, async ({ caller }, cost) => {
    const refused = budgets?.charge(caller, cost);
    if (refused) {
      rateLimitRefusals.inc({ stage: 'cost' });
      throw rateLimitedError(refused);
    }
  });

  // @apollo/gateway otherwise reports host metrics to Apollo's cloud every hour (and probes cloud metadata
  // addresses to describe the host): nothing about this service leaves for anyone's cloud.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphFile, logger),
    buildService: ({ name, url }) => new SignedDataSource(name, { url: registry.resolve(name, url), fetcher: subgraphs.fetch }),
    experimental_approximateQueryPlanStoreMiB: tuning.queryPlanCacheMiB,
    logger,
  });
  const documents = config.documents ?? { trusted: TrustedDocuments.none(), requireTrusted: false };
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // Both bounded, so unique documents sent in a flood cannot take more memory than this.
    documentStore: documentCache(tuning.documentCacheMiB),
    persistedQueries: documents.requireTrusted ? false : { cache: persistedQueryCache(tuning.persistedQueryCacheMiB) },
    parseOptions: limits.parseOptions,
    // Introspection follows the explorer switch; with it off, errors do not suggest field names either.
    introspection: true,
    validationRules: [...limits.validationRules, ...(explorerOn ? [] : [introspectionSwitchedOff])],
    hideSchemaDetailsFromClientErrors: !explorerOn,
    plugins: [
      operationNamePlugin(),
      ...limits.plugins,
      // The default landing page loads Apollo Sandbox from a CDN; nothing we serve may depend on one.
      ApolloServerPluginLandingPageDisabled(),
      // Nothing about patients' queries leaves for Apollo's cloud, even if an APOLLO_KEY is set; and without
      // usage reporting the gateway never asks subgraphs for per-field (ftv1) traces.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
    formatError: formatGatewayError(logger),
  });
  await apollo.start();

  const door = sessionDoor({ verifier, directory, signer, logger });
  const session = budgets ? rateLimitedDoor(door, budgets) : door;
  const reportExports = new ReportExports(() => registry.url('care-pathway'));
  const routes: GatewayRoute[] = [
    ...healthRoutes(registry, subgraphs),
    metricsRoute(),
    graphqlRoute(apollo, session, tuning.compressMinBytes, documentPolicy(documents.trusted, documents.requireTrusted)),
    fhirRoute(apollo, session, policyFromEnvironment(), logger),
    reportRoutes(session, reportExports),
    ...(await webPageRoutes({ explorer: explorerOn, pagesDir: config.pagesDir ?? builtPages })),
  ];
  const cors = corsPolicy(config.corsOrigins ?? []);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (cors.answerPreflight(req, res)) return;
    cors.allowResponse(req, res);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.matches(path, req.method ?? 'GET'));
    if (!route) return sendJson(res, 404, errorBody('Not found. GraphQL is served at /graphql.', ErrorCode.NotFound));
    // Probes and scrapes are not traced: a trace is a request someone made.
    if (path.startsWith('/health/') || path === '/metrics') return route.handle(req, res);
    await tracedIn(
      `${req.method ?? 'GET'} ${path}`,
      { kind: SpanKind.SERVER, parent: contextFromHeaders(req.headers), attributes: { 'epr.service': 'gateway', 'url.path': path } },
      async (span) => {
        await route.handle(req, res);
        span?.setAttribute('http.response.status_code', res.statusCode);
      },
    );
  }

  metrics.collectProcessMetrics();
  const server = await serveHttp(handle, { host: config.host, port: config.port, logger });
  const url = `http://${config.host}:${server.port}/graphql`;
  logger.info({ url }, 'gateway listening');
  return {
    url,
    close: async () => {
      await server.close();
      await apollo.stop();
      await subgraphs.close();
      await reportExports.close();
    },
  };
}
