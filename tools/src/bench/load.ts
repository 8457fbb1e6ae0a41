import autocannon from 'autocannon';

/** One load run against one URL: what each request carries, and how hard to push. */
export interface LoadPlan {
  url: string;
  /**
   * A new `authorization` header value for every request, given its body (a credential is bound to it), so no
   * gateway or subgraph can answer from a cache.
   */
  authorization?: (body: string) => string;
  /** The JSON body of every request (it may vary, e.g. a different patient each time). */
  body: () => string;
  connections: number;
  seconds: number;
  /** Requests per second across all connections; absent means as fast as the system answers. */
  rate?: number;
  /** If given, counts the answers by HTTP status (e.g. how many of a flood were refused with 429). */
  statuses?: Map<number, number>;
}

export interface LoadResult {
  /** Every response time, in milliseconds. */
  latencies: number[];
  seconds: number;
  /** Non-2xx answers, GraphQL `errors`, socket errors and timeouts. */
  errors: number;
}

/**
 * Drives load with autocannon (closed loop: each connection sends its next request when the last answer
 * arrives, or at `rate` overall). Every response time is kept, so percentiles are exact and runs can be pooled.
 */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  const instance = autocannon({
    url: plan.url,
    method: 'POST',
    connections: plan.connections,
    duration: plan.seconds,
    timeout: 30,
    ...(plan.rate !== undefined ? { overallRate: plan.rate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const body = plan.body();
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (plan.authorization) headers.authorization = plan.authorization(body);
          return { ...request, headers, body };
        },
        // A GraphQL error arrives with status 200: it is a failed request, not a fast one.
        onResponse: (status, body) => {
          if (status >= 300 || body.includes('"errors":')) failed += 1;
          plan.statuses?.set(status, (plan.statuses.get(status) ?? 0) + 1);
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
  });
  const result = await instance;
  return { latencies, seconds: result.duration, errors: failed + result.errors + result.timeouts };
}
