import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Logger } from 'pino';
import { injectTraceHeaders, SpanKind, tracedIn } from '@epr/platform';
import { subgraphFetchSeconds } from './telemetry/gateway-metrics.js';
import { SubgraphGuard, type CircuitPosition, type SubgraphResilience } from './resilience/subgraph-guard.js';

type Fetcher = NonNullable<RemoteGraphQLDataSource['fetcher']>;
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;

export interface SubgraphFetcher {
  fetch: Fetcher;
  /** The circuit of the subgraph at `url`: `closed` until calls to it start failing. */
  circuit: (url: string) => CircuitPosition;
  close: () => Promise<void>;
}

// Answers from something in front of a subgraph (a proxy, a load balancer) that did not reach it.
const notReached = new Set([502, 503, 504]);

/**
 * Subgraph calls over a bounded pool of keep-alive connections per subgraph. Apollo's default fetcher opens
 * as many sockets as there are concurrent calls (`maxSockets: Infinity`); under load that is a connection
 * storm on the subgraphs and on loopback ports, and measured slower than a bounded pool. undici's `request`
 * also skips the WHATWG fetch machinery, which is a large share of a federated request's CPU. Each subgraph's
 * calls go through its own timeout and circuit breaker; a call that gets no answer throws SubgraphUnavailableError.
 */
export function createSubgraphFetcher(
  connectionsPerSubgraph: number,
  resilience: SubgraphResilience,
  logger: Logger,
  nameOf: (url: string) => string = (url) => url,
): SubgraphFetcher {
  const agent = new Agent({
    connections: connectionsPerSubgraph === 0 ? null : connectionsPerSubgraph,
    // Shorter than the subgraphs' keep-alive (65 s), so it is always the gateway that closes an idle socket.
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const guards = new Map<string, SubgraphGuard>();
  const guardOf = (url: string) => {
    let guard = guards.get(url);
    if (!guard) {
      guard = new SubgraphGuard(resilience, url, logger);
      guards.set(url, guard);
    }
    return guard;
  };
  const send = (url: string, init: FetcherRequestInit) =>
    guardOf(url).call(async (deadline) => {
      const headers = { ...init.headers };
      // The subgraph continues this trace (W3C traceparent), under this call's span.
      injectTraceHeaders(headers);
      const response = await request(url, {
        method: (init.method ?? 'POST') as 'POST',
        headers,
        body: init.body ?? null,
        signal: init.signal ? AbortSignal.any([init.signal as AbortSignal, deadline]) : deadline,
        dispatcher: agent,
      });
      const body = await response.body.text();
      if (notReached.has(response.statusCode) && !isGraphQLResponse(body)) throw new Error(`subgraph answered ${response.statusCode}`);
      return new SubgraphResponse(url, response.statusCode, response.headers, body);
    });
  return {
    fetch: (url: string, init: FetcherRequestInit = {}) => {
      const subgraph = nameOf(url);
      const started = performance.now();
      return tracedIn(`POST ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'epr.subgraph': subgraph } }, async (span) => {
        let outcome = 'unavailable';
        try {
          const response = await send(url, init);
          outcome = response.ok ? 'ok' : 'refused';
          span?.setAttribute('http.response.status_code', response.status);
          return response;
        } finally {
          subgraphFetchSeconds.observe({ subgraph, outcome }, (performance.now() - started) / 1000);
        }
      });
    },
    circuit: (url) => guards.get(url)?.circuit ?? 'closed',
    close: () => agent.close(),
  };
}

function isGraphQLResponse(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && ('data' in parsed || 'errors' in parsed);
  } catch {
    return false;
  }
}

/** The part of a fetch Response the gateway reads, over a body that has already been read in full. */
class SubgraphResponse {
  readonly redirected = false;
  readonly bodyUsed = false;
  readonly headers: Headers;

  constructor(
    readonly url: string,
    readonly status: number,
    rawHeaders: Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {
    this.headers = new Headers();
    for (const [name, value] of Object.entries(rawHeaders)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) this.headers.append(name, one);
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = new TextEncoder().encode(this.body);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  clone(): SubgraphResponse {
    return new SubgraphResponse(this.url, this.status, Object.fromEntries(this.headers), this.body);
  }
}
