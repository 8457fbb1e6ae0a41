import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { createCredentialSigner, createSessionVerifier, loadKeyFromEnv, loadKeyFromFile } from '@epr/identity';
import { createLogger, executeGraphQLOverHttp, readJsonBodyOrAnswer400, sendJson, serveHttp, errorBody, ErrorCode } from '@epr/platform';
import { defaultTuning, type GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { supergraphFromFile } from './supergraph-file.js';
import { SignedDataSource } from './signed-data-source.js';
import { SubgraphRegistry } from './subgraph-registry.js';
import { RoleProfileDirectory, DirectoryUnavailableError } from './role-profile-directory.js';
import { authenticate, AuthenticationError, IdentityProviderUnavailableError } from './authenticate.js';
import { checkSubgraphs } from './readiness.js';
import { formatGatewayError } from './format-error.js';
import { createSubgraphFetcher } from './subgraph-fetcher.js';
import { responseWriter } from './response-compression.js';

export interface RunningGateway {
  url: string;
  close: () => Promise<void>;
}

// A client may pass its own request id for tracing; anything odd is replaced rather than logged verbatim.
const requestIdPattern = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The gateway: authenticates every request (session token + directory check), then plans and executes it over
 * the subgraphs with a credential it signs. /health/live and /health/ready are for orchestrators.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const logger = createLogger('gateway');
  const privateKey = config.privateKey.json
    ? loadKeyFromEnv('GATEWAY_PRIVATE_JWK', 'private', { GATEWAY_PRIVATE_JWK: config.privateKey.json })
    : await loadKeyFromFile(config.privateKey.file ?? '', 'private');
  const signer = await createCredentialSigner({ privateKey });
  const verifier = createSessionVerifier(config.session);
  const registry = new SubgraphRegistry(config.subgraphUrls);
  const directory = new RoleProfileDirectory(() => registry.url('patient'), signer);
  const tuning = { ...defaultTuning, ...config.tuning };
  const subgraphs = createSubgraphFetcher(tuning.subgraphConnections);

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphFile, logger),
    buildService: ({ name, url }) => new SignedDataSource({ url: registry.resolve(name, url), fetcher: subgraphs.fetch }),
    experimental_approximateQueryPlanStoreMiB: tuning.queryPlanCacheMiB,
    logger,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    plugins: [
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

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/health/live') return sendJson(res, 200, { status: 'ok', service: 'gateway' });
    if (path === '/health/ready') {
      const report = await checkSubgraphs(registry);
      return sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'unavailable', subgraphs: report.subgraphs });
    }
    if (path !== '/graphql') return sendJson(res, 404, errorBody('Not found. GraphQL is served at /graphql.', ErrorCode.NotFound));

    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const requestLogger = logger.child({ requestId });

    let caller;
    try {
      caller = await authenticate(req.headers.authorization, requestId, verifier, directory);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        requestLogger.info({ reason: error.reason }, 'request refused: not authenticated');
        return sendJson(
          res,
          401,
          { errors: [{ message: error.message, extensions: { code: ErrorCode.Unauthenticated, reason: error.reason } }] },
          {
            'www-authenticate': `Bearer error="invalid_token", error_description="${error.reason}"`,
          },
        );
      }
      if (error instanceof DirectoryUnavailableError || error instanceof IdentityProviderUnavailableError) {
        requestLogger.error({ err: error }, 'directory unavailable');
        return sendJson(res, 503, errorBody('Sign-in cannot be checked at the moment. Try again shortly.', ErrorCode.ServiceUnavailable));
      }
      throw error;
    }

    const parsed = await readJsonBodyOrAnswer400(req, res);
    if (!parsed) return;
    const { body } = parsed;
    // Signed now, not when the first subgraph call needs it: signing runs off the event loop (WebCrypto),
    // so it overlaps Apollo's parsing, validation and planning instead of adding to the hop's latency.
    const credential = signer.sign(caller);
    credential.catch(() => undefined);
    const context: GatewayContext = { caller, requestId, logger: requestLogger, credential: () => credential };
    const started = performance.now();
    await executeGraphQLOverHttp(apollo, req, res, body, async () => context, responseWriter(req, tuning.compressMinBytes));
    requestLogger.info(
      { status: res.statusCode, ms: Math.round(performance.now() - started), userId: caller.userId, roleProfileId: caller.roleProfileId },
      'graphql request',
    );
  }

  const server = await serveHttp(handle, { host: config.host, port: config.port, logger });
  const url = `http://${config.host}:${server.port}/graphql`;
  logger.info({ url }, 'gateway listening');
  return {
    url,
    close: async () => {
      await server.close();
      await apollo.stop();
      await subgraphs.close();
    },
  };
}
