import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { subgraphNames } from '@epr/platform';
import { createTestDatabase } from '../stack/test-database.js';
import { freePorts, startStack } from '../stack/start-stack.js';
import { seededData } from '../bench/bench-data.js';
import { bodiesFor, patientSummary } from '../bench/operations.js';
import { sessionTokens } from '../bench/callers.js';
import { startTraceReceiver, type ReceivedSpan } from './trace-receiver.js';
import { renderTraceTree } from './trace-tree.js';

/**
 * `npm run trace:demo`: the whole system in production mode on a scratch database, every service exporting its
 * spans (OTLP/HTTP) to a small collector in this process; the patient summary is sent a few times to warm up, then
 * once more, and that request's trace is printed as a tree. What docs/operations.md shows.
 */
const { values } = parseArgs({ options: { sql: { type: 'boolean', default: false }, warm: { type: 'string', default: '20' } } });
const receiver = await startTraceReceiver();
const workDir = await mkdtemp(join(tmpdir(), 'epr-trace-'));
const database = await createTestDatabase('trace');
try {
  const keyDir = join(workDir, 'keys');
  const stack = await startStack({
    databaseUrl: database.url,
    ports: await freePorts(),
    keyDir,
    logDir: join(workDir, 'logs'),
    env: { NODE_ENV: 'production', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' },
  });
  try {
    const data = await seededData(database.url);
    const [body] = bodiesFor(patientSummary, data);
    const tokens = await sessionTokens(keyDir, patientSummary.caller!, Number(values.warm) + 1);
    const send = async () => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: tokens.next(body!) },
        body: body!,
      });
      const answer = (await response.json()) as { errors?: unknown[] };
      if (answer.errors) throw new Error(`the summary answered with errors: ${JSON.stringify(answer.errors)}`);
      return response.headers.get('x-request-id');
    };
    for (let i = 0; i < Number(values.warm); i++) await send();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    receiver.clear();
    const requestId = await send();
    const spans = await oneTrace(receiver.spans, requestId);
    console.log(renderTraceTree(spans, { showSql: values.sql }));
  } finally {
    await stack.stop();
  }
} finally {
  await database.dispose();
  await receiver.close();
  await rm(workDir, { recursive: true, force: true });
}

/**
 * The spans of the request's trace, once every service has sent its part (each batches for 200 ms). Other traces
 * may arrive meanwhile (the gateway's periodic directory refresh, health checks): only the one whose gateway
 * server span carries the request id counts.
 */
async function oneTrace(spans: () => ReceivedSpan[], requestId: string | null): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const all = spans();
    const root = all.find((s) => s.service === 'gateway' && s.attributes['epr.request_id'] === requestId && !s.parentSpanId);
    const trace = root ? all.filter((s) => s.traceId === root.traceId) : [];
    const services = new Set(trace.map((s) => s.service));
    if (subgraphNames.every((s) => services.has(s)) && services.has('gateway')) return trace;
  }
  throw new Error(`the trace of request ${requestId} did not arrive from every service in 10 s`);
}
