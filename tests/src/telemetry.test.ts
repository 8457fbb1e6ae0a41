import { join } from 'node:path';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  SpanStatusCode,
  startSubgraph,
  startTracing,
  readSubgraphConfig,
  subgraphEnvPrefix,
  subgraphNames,
  type ReadableSpan,
  type RunningTracing,
  type SubgraphDefinition,
} from '@epr/platform';
import type { RunningGateway } from '@epr/gateway/gateway-server';
import { patientSubgraph } from '@epr/subgraph-patient/subgraph';
import { carePathwaySubgraph } from '@epr/subgraph-care-pathway/subgraph';
import { schedulingSubgraph } from '@epr/subgraph-scheduling/subgraph';
import { auditSubgraph } from '@epr/subgraph-audit/subgraph';
import { gatewayKeyFiles } from '@epr/tools/dev-issuer/index';
import { auditKeyFile } from '@epr/tools/audit/audit-key-file';
import { startTraceReceiver, type TraceReceiver } from '@epr/tools/trace/trace-receiver';
import { renderTraceTree } from '@epr/tools/trace/trace-tree';
import { eventually } from './support/eventually.js';
import { graphql, tokenFor } from './support/gateway-client.js';
import { startExtraGateway } from './support/extra-gateway.js';
import { startOwnGateway, type OwnGateway } from './support/own-gateway.js';
import { people } from './support/people.js';
import { stackState } from './support/stack-state.js';

// What the portal shows a patient: all four subgraphs, and the patient subgraph once more for the organisations.
const summary = `query PatientSummary($id: ID!) {
  patient(id: $id) {
    id nhsNumber name { given family } birthDate
    referrals { id specialty priority }
    appointments { id clinicName startsAt }
    accessLog(first: 5) { edges { node { occurredAt organisation { name } outcome } } }
  }
}`;

async function oliviasPatientId(): Promise<string> {
  const answer = await graphql<{ me: { patient: { id: string } } }>('{ me { patient { id } } }', {
    token: await tokenFor(people.olivia.userId, people.olivia.roleProfileId),
  });
  return answer.body.data!.me.patient.id;
}

describe('a trace of one patient summary, gateway and four subgraphs in this process, read from an in-memory exporter', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: RunningTracing;
  const running: { close: () => Promise<void> }[] = [];
  let gateway: RunningGateway;

  beforeAll(async () => {
    // Tracing first: subgraphs give their resolvers spans only when it is on as their schema is built.
    tracing = startTracing('epr-under-test', new SimpleSpanProcessor(exporter));
    const { keyDir, databaseUrl } = stackState();
    const env = {
      DATABASE_URL: databaseUrl,
      GATEWAY_PUBLIC_JWK_FILE: gatewayKeyFiles(keyDir).publicKey,
      TRUSTED_SERVICE_KEYS_FILE: join(keyDir, 'trusted-services.json'),
      AUDIT_HMAC_KEY_FILE: auditKeyFile(keyDir),
    };
    const urls: Record<string, string> = {};
    const start = async <T extends object>(definition: SubgraphDefinition<T>) => {
      // Each calls the others in its own name (care-pathway asks the directory which teams receive referrals).
      const own = {
        ...env,
        SERVICE_PRIVATE_JWK_FILE: join(keyDir, `service-${definition.name}.private.jwk.json`),
        ...(urls['patient'] ? { PATIENT_URL: urls['patient'] } : {}),
      };
      const subgraph = await startSubgraph(
        definition,
        await readSubgraphConfig(definition.name, { ...own, [`${subgraphEnvPrefix(definition.name)}_PORT`]: '0' }),
      );
      running.push(subgraph);
      urls[definition.name] = subgraph.url;
    };
    await start(patientSubgraph);
    await start(carePathwaySubgraph);
    await start(schedulingSubgraph);
    await start(auditSubgraph);
    gateway = await startExtraGateway({ subgraphUrls: urls });
  });

  afterAll(async () => {
    await gateway?.close();
    for (const subgraph of running) await subgraph.close();
    await tracing?.shutdown();
  });

  it('follows the request from the gateway through every subgraph, with planning, fetches, resolvers, SQL, the policy decision and the security-log append', async () => {
    const patientId = await oliviasPatientId();
    const token = await tokenFor(people.olivia.userId, people.olivia.roleProfileId);
    exporter.reset();
    const answer = await graphql<{ patient: { nhsNumber: string } }>(summary, { url: gateway.url, token, variables: { id: patientId } });
    expect(answer.body.errors).toBeUndefined();
    const requestId = answer.headers.get('x-request-id');

    // Each service ends its server span just after its answer leaves, so the last ones may still be on their way.
    const trace = await eventually(async () => {
      const spans = exporter.getFinishedSpans();
      const root = spans.find(
        (s) => s.name === 'POST /graphql' && s.attributes['epr.service'] === 'gateway' && s.attributes['epr.request_id'] === requestId,
      );
      expect(root).toBeDefined();
      const inTrace = spans.filter((s) => s.spanContext().traceId === root!.spanContext().traceId);
      for (const name of subgraphNames) expect(inTrace.some((s) => s.attributes['epr.service'] === name)).toBe(true);
      return inTrace;
    }, 'spans from the gateway and all four subgraphs');

    const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (span: ReadableSpan) => (span.parentSpanContext ? byId.get(span.parentSpanContext.spanId) : undefined);
    const serviceOf = (span: ReadableSpan): string => {
      for (let s: ReadableSpan | undefined = span; s; s = parentOf(s))
        if (typeof s.attributes['epr.service'] === 'string') return s.attributes['epr.service'];
      return 'none';
    };
    const named = (name: string, service?: string) => trace.filter((s) => s.name === name && (!service || serviceOf(s) === service));

    // The gateway: sign-in, the query plan (the first time this gateway sees the operation), and one fetch per
    // subgraph — the access log names its organisations itself, so no second trip to the patient subgraph.
    expect(named('session.authenticate', 'gateway')).toHaveLength(1);
    expect(named('gateway.plan', 'gateway')).toHaveLength(1);
    expect(named('gateway.fetch', 'gateway')).toHaveLength(4);

    for (const name of subgraphNames) {
      // W3C trace context: each subgraph's server span continues under the gateway's call to it.
      const servers = trace.filter((s) => s.name === 'POST /graphql' && s.attributes['epr.service'] === name);
      expect(servers.length).toBeGreaterThanOrEqual(1);
      for (const server of servers) {
        // A fetch the query plan made; or, for the directory (patient), the gateway's look-up while signing in and
        // audit asking for the names of the organisations in the log (when it has not remembered them).
        const call = parentOf(server);
        const callers: Record<string, string> = {
          [`POST ${name}`]: 'gateway',
          ...(name === 'patient' ? { 'directory.lookup': 'gateway', 'directory.organisation_names': 'audit' } : {}),
        };
        expect(Object.keys(callers)).toContain(call?.name);
        expect(serviceOf(call!)).toBe(callers[call!.name]);
        expect(server.attributes['epr.request_id']).toBe(requestId);
      }
      expect(named('credential.verify', name).length).toBeGreaterThanOrEqual(1);
      expect(named('graphql.execute', name).length).toBeGreaterThanOrEqual(1);
      expect(trace.some((s) => s.name.startsWith('resolve ') && serviceOf(s) === name)).toBe(true);
      expect(trace.some((s) => s.name.startsWith('SQL ') && serviceOf(s) === name)).toBe(true);
      // Every subgraph that served patient data decided and recorded it before answering.
      const appends = named('security_log.append', name);
      expect(appends.length).toBeGreaterThanOrEqual(1);
      for (const append of appends) expect(trace.some((s) => parentOf(s) === append && s.name.startsWith('SQL '))).toBe(true);
    }
    for (const name of subgraphNames.filter((n) => n !== 'patient')) expect(named('policy.decide', name).length).toBeGreaterThanOrEqual(1);
    // A statement under a resolver: the SQL a field costs shows where it is spent.
    expect(trace.some((s) => s.name.startsWith('SQL ') && parentOf(s)?.name.startsWith('resolve '))).toBe(true);

    // No patient data in a trace: neither the patient's id nor her NHS number appears in any span.
    const nhsNumber = answer.body.data!.patient.nhsNumber;
    for (const span of trace) {
      const text = JSON.stringify({ name: span.name, attributes: span.attributes, events: span.events });
      expect(text).not.toContain(patientId);
      expect(text).not.toContain(nhsNumber);
    }
    // The tree, for whoever reads the test's output when it fails.
    const tree = renderTraceTree(
      trace.map((s) => ({
        service: serviceOf(s),
        spanId: s.spanContext().spanId,
        ...(s.parentSpanContext ? { parentSpanId: s.parentSpanContext.spanId } : {}),
        name: s.name,
        startNs: BigInt(s.startTime[0]) * 1_000_000_000n + BigInt(s.startTime[1]),
        endNs: BigInt(s.endTime[0]) * 1_000_000_000n + BigInt(s.endTime[1]),
        attributes: s.attributes,
        error: s.status.code === SpanStatusCode.ERROR,
      })),
    );
    expect(tree).toContain('gateway.plan');
  });
});

describe('a gateway process exporting OTLP over HTTP', () => {
  let receiver: TraceReceiver;
  let gateway: OwnGateway;

  beforeAll(async () => {
    receiver = await startTraceReceiver();
    gateway = await startOwnGateway({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' });
  });

  afterAll(async () => {
    await gateway?.stop();
    await receiver?.close();
  });

  it("sends its spans to the configured collector, joined to the caller's trace (W3C traceparent)", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const answer = await graphql('{ me { displayName } }', {
      url: `${gateway.origin}/graphql`,
      token: await tokenFor(people.consultant.userId, people.consultant.roleProfileId),
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(answer.body.errors).toBeUndefined();
    const spans = await eventually(async () => {
      const received = receiver.spans().filter((s) => s.traceId === traceId);
      expect(received.map((s) => s.name)).toEqual(expect.arrayContaining(['POST /graphql', 'session.authenticate', 'gateway.fetch']));
      return received;
    }, "the gateway's spans at the collector");
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['gateway']));
    expect(spans.find((s) => s.name === 'POST /graphql')!.parentSpanId).toBe('00f067aa0ba902b7');
  });
});

describe('/metrics', () => {
  const metricsOf = async (baseUrl: string) => (await fetch(new URL('/metrics', baseUrl))).text();

  it('on the gateway: request duration per operation, subgraph fetch duration, rate-limit refusals, the process', async () => {
    const token = await tokenFor(people.olivia.userId, people.olivia.roleProfileId);
    const id = await oliviasPatientId();
    expect((await graphql(summary, { token, variables: { id } })).body.errors).toBeUndefined();
    const text = await metricsOf(stackState().gatewayUrl);
    expect(text).toMatch(/^epr_gateway_request_duration_seconds_bucket\{le="0\.1",operation="PatientSummary",status="200"\} \d+$/m);
    expect(text).toMatch(/^epr_gateway_request_duration_seconds_count\{operation="PatientSummary",status="200"\} [1-9]\d*$/m);
    for (const subgraph of subgraphNames)
      expect(text).toMatch(
        new RegExp(`^epr_gateway_subgraph_fetch_duration_seconds_count\\{subgraph="${subgraph}",outcome="ok"\\} [1-9]\\d*$`, 'm'),
      );
    expect(text).toContain('# TYPE epr_gateway_rate_limit_refusals_total counter');
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
  });

  it('on every subgraph: SQL per request and per statement, request duration, security-log append latency', async () => {
    const token = await tokenFor(people.olivia.userId, people.olivia.roleProfileId);
    const id = await oliviasPatientId();
    expect((await graphql(summary, { token, variables: { id } })).body.errors).toBeUndefined();
    for (const subgraph of subgraphNames) {
      const text = await metricsOf(stackState().subgraphUrls[subgraph]);
      expect(text).toMatch(new RegExp(`^epr_sql_statements_total\\{pool="epr-${subgraph}"\\} \\d+$`, 'm'));
      expect(text).toMatch(/^epr_sql_statements_per_request_count [1-9]\d*$/m);
      expect(text).toMatch(new RegExp(`^epr_sql_statement_duration_seconds_count\\{pool="epr-${subgraph}-audit"\\} [1-9]\\d*$`, 'm'));
      expect(text).toMatch(/^epr_graphql_request_duration_seconds_count\{operation="PatientSummary__\w+__\d+"\} [1-9]\d*$/m);
      expect(text).toMatch(/^epr_security_log_append_duration_seconds_count [1-9]\d*$/m);
      expect(text).toMatch(/^epr_security_log_requests_per_append_count [1-9]\d*$/m);
    }
  });

  it('on a gateway of several workers: the whole gateway, whichever worker takes the scrape', async () => {
    const gateway = await startOwnGateway({ GATEWAY_WORKERS: '2' });
    try {
      const token = await tokenFor(people.consultant.userId, people.consultant.roleProfileId);
      const requests = 6;
      for (let i = 0; i < requests; i++) {
        const answer = await graphql('query Me { me { displayName } }', { url: `${gateway.origin}/graphql`, token });
        expect(answer.body.errors).toBeUndefined();
      }
      for (let scrape = 0; scrape < 3; scrape++) {
        const text = await metricsOf(gateway.origin);
        expect(text).toMatch(new RegExp(`^epr_gateway_request_duration_seconds_count\\{operation="Me",status="200"\\} ${requests}$`, 'm'));
      }
    } finally {
      await gateway.stop();
    }
  });
});
