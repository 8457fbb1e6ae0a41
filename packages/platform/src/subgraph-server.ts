import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { CredentialError, type Caller, type CredentialBinding } from '@epr/identity';
import type { Logger } from './logger.js';
import type { SubgraphContext } from './context.js';
import { maskInternalErrors, ErrorCode } from './errors.js';
import { auditBeforeResponsePlugin } from './audit-plugin.js';
import { executeGraphQLOverHttp, sendJson, errorBody } from './apollo-http.js';
import { answer400Unless, parseJsonBody, readBodyBytes } from './http-body.js';
import { runInRequestScope } from './request-scope.js';
import { BoundedLabel, metrics } from './metrics.js';
import { serveHttp } from './http-service.js';
import { annotateActiveSpan, contextFromHeaders, SpanKind, traced, tracedIn } from './telemetry/tracing.js';
import { tracingPlugin } from './telemetry/tracing-plugin.js';
import { operationLimitOptions, readOperationLimits, subgraphOperationLimits } from './operation-limits/index.js';
import { answerError, type SubgraphRoute } from './http-routes.js';

const rejected = metrics.counter(
  'epr_unsigned_requests_rejected_total',
  'Requests refused because they did not carry a valid gateway-signed credential.',
);
const served = metrics.counter('epr_graphql_requests_total', 'GraphQL requests served.');
const requestSeconds = metrics.histogram(
  'epr_graphql_request_duration_seconds',
  'GraphQL requests served, by operation (the name the gateway gave this subgraph call): seconds from the credential check to the last byte, the security-log append included.',
  ['operation'],
);
const sqlPerRequest = metrics.histogram(
  'epr_sql_statements_per_request',
  'SQL statements one GraphQL request sent, over all of its pools (data, policy facts, security log).',
  [],
  [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89],
);
const operations = new BoundedLabel();

export interface SubgraphServerOptions<TContext extends SubgraphContext> {
  name: string;
  /** The subgraph schema with its rules already applied. */
  schema: GraphQLSchema;
  host: string;
  port: number;
  logger: Logger;
  /** Checks a credential signed for this subgraph (`name`) and this very body; anything it rejects gets 401. */
  verifyCredential: (token: string, binding: CredentialBinding) => Promise<Caller>;
  createContext: (caller: Caller, logger: Logger) => TContext;
  /** Throws when the subgraph cannot serve (e.g. its database is unreachable). */
  checkReadiness: () => Promise<void>;
  /** Endpoints beside /graphql (e.g. streamed exports), behind the same credential check. */
  routes?: readonly SubgraphRoute<TContext>[];
}

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * One subgraph over HTTP: GraphQL at /graphql for the gateway only, plus /health/live, /health/ready and
 * /metrics for operators. Nobody can bypass the gateway by calling this port directly: every GraphQL request
 * must carry a credential the gateway signed.
 */
export async function startSubgraphServer<TContext extends SubgraphContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningServer> {
  const { logger } = options;
  // The gateway applies the same limits before planning; here they refuse what the gateway would never send.
  const limits = operationLimitOptions<TContext>(subgraphOperationLimits(readOperationLimits()));
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    // The gateway already validated the operation against the supergraph; ftv1 traces would cost CPU per field. The
    // cache-control plugin was the only one watching every field resolve (Apollo then wraps each resolver); no field
    // has a cache hint, and the gateway treats a subgraph answer without a Cache-Control header as uncacheable.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      tracingPlugin(),
      auditBeforeResponsePlugin(),
      ...limits.plugins,
    ],
    formatError: maskInternalErrors((error) => logger.error({ err: error }, 'internal error')),
  });
  await apollo.start();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/health/live') return sendJson(res, 200, { status: 'ok', service: options.name });
    if (path === '/health/ready') {
      try {
        await options.checkReadiness();
        return sendJson(res, 200, { status: 'ready', service: options.name });
      } catch (error) {
        logger.warn({ err: error }, 'not ready');
        return sendJson(res, 503, { status: 'unavailable', service: options.name });
      }
    }
    if (path === '/metrics') {
      const text = await metrics.render();
      res.writeHead(200, { 'content-type': metrics.contentType });
      return void res.end(text);
    }
    const route = req.method === 'GET' ? options.routes?.find((r) => r.path === path) : undefined;
    if (path !== '/graphql' && !route)
      return sendJson(res, 404, errorBody('Not found. GraphQL is served at /graphql.', ErrorCode.NotFound));
    // The gateway's trace continues here (W3C traceparent); not covered by the credential, and needs not be.
    return tracedIn(
      `${req.method ?? 'GET'} ${path}`,
      { kind: SpanKind.SERVER, parent: contextFromHeaders(req.headers), attributes: { 'epr.service': options.name, 'url.path': path } },
      async (span) => {
        await serve(req, res, route);
        span?.setAttribute('http.response.status_code', res.statusCode);
      },
    );
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, route: SubgraphRoute<TContext> | undefined): Promise<void> {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    if (!token) return refuse(res, 'missing');
    // The credential covers the body's exact bytes (none for a route's GET), so they are read (within the size
    // limit) before anything else.
    const bytes = await answer400Unless(res, () => readBodyBytes(req));
    if (!bytes) return;
    const caller = await traced('credential.verify', undefined, () => authenticate(token, bytes));
    if (typeof caller === 'string') return refuse(res, caller);
    annotateActiveSpan({ 'epr.request_id': caller.requestId, 'epr.caller_kind': caller.kind });
    const requestLogger = logger.child({
      requestId: caller.requestId,
      ...(caller.correlationId !== undefined && { correlationId: caller.correlationId }),
    });
    const scope = { requestId: caller.requestId, sqlStatements: 0 };
    const started = performance.now();
    if (route)
      return runInRequestScope(scope, () => serveRoute(route, req, res, options.createContext(caller, requestLogger), requestLogger));
    const parsed = await answer400Unless(res, () => ({ body: parseJsonBody(bytes) }));
    if (!parsed) return;
    const { body } = parsed;
    await runInRequestScope(scope, () =>
      executeGraphQLOverHttp(apollo, req, res, body, async () => options.createContext(caller, requestLogger)),
    );
    const ms = performance.now() - started;
    served.inc();
    requestSeconds.observe({ operation: operations.of(operationName(body)) }, ms / 1000);
    sqlPerRequest.observe(scope.sqlStatements);
    requestLogger.debug({ ms: Math.round(ms), sqlStatements: scope.sqlStatements }, 'graphql request');
  }

  async function serveRoute(
    route: SubgraphRoute<TContext>,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    context: TContext,
    requestLogger: Logger,
  ): Promise<void> {
    try {
      await route.handle(req, res, context);
    } catch (error) {
      // What the route recorded before it failed (a refusal, say) is still written; no data goes with the error.
      await context.audit.flush().catch((flushError: unknown) => requestLogger.error({ err: flushError }, 'audit store unavailable'));
      if (!res.headersSent) return answerError(res, error, requestLogger);
      // Part of the answer has left: end the connection abruptly, so the client sees a failed transfer rather
      // than a file that looks complete.
      requestLogger.error({ err: error }, 'route failed after its answer began');
      res.destroy();
    }
  }

  /** The caller, or why the credential was refused. */
  async function authenticate(token: string, body: Buffer): Promise<Caller | string> {
    try {
      return await options.verifyCredential(token, { audience: options.name, body });
    } catch (error) {
      if (!(error instanceof CredentialError)) throw error;
      logger.info({ reason: error.reason, claim: error.claim }, 'request refused: gateway credential');
      return error.reason;
    }
  }

  function refuse(res: http.ServerResponse, reason: string): void {
    rejected.inc();
    sendJson(res, 401, {
      errors: [
        {
          message: 'This service only answers requests signed by the gateway. Send your request to the gateway.',
          extensions: { code: ErrorCode.Unauthenticated, reason },
        },
      ],
    });
  }

  metrics.collectProcessMetrics();
  const server = await serveHttp(handle, { host: options.host, port: options.port, logger });
  const url = `http://${options.host}:${server.port}/graphql`;
  logger.info({ url }, `${options.name} subgraph listening`);
  return {
    url,
    close: async () => {
      await server.close();
      await apollo.stop();
    },
  };
}

function operationName(body: unknown): string | undefined {
  const name = typeof body === 'object' && body !== null ? (body as { operationName?: unknown }).operationName : undefined;
  return typeof name === 'string' ? name : undefined;
}
