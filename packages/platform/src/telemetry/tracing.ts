import type { IncomingHttpHeaders } from 'node:http';
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';

export { SpanKind, SpanStatusCode, type Span, type Attributes };
/** For reading spans back in-process (tests): `startTracing(name, new SimpleSpanProcessor(new InMemorySpanExporter()))`. */
export { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';

/**
 * Traces are off unless an OTLP endpoint is configured, and then every helper here is a plain function call:
 * no span objects, no context switches, nothing allocated per request. Checked on every call (not frozen at
 * import) so a test can switch tracing on in-process.
 */
let tracingOn = false;

export function tracingEnabled(): boolean {
  return tracingOn;
}

/** One tracer for the whole platform; which service a span comes from is the process's resource (`service.name`). */
const tracer = trace.getTracer('epr');

export interface RunningTracing {
  /** Sends what is still buffered and stops; call before the process exits. */
  shutdown: () => Promise<void>;
}

/**
 * Starts tracing for this process from the standard OpenTelemetry variables, or does nothing (the default):
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (a full URL) or `OTEL_EXPORTER_OTLP_ENDPOINT` (a base URL; `/v1/traces`
 * is added) switches it on, exporting OTLP over HTTP (JSON) in batches; `OTEL_TRACES_EXPORTER=none` or
 * `OTEL_SDK_DISABLED=true` keep it off; `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG` choose the sampler
 * (default `parentbased_always_on`); `OTEL_SERVICE_NAME` overrides the service name.
 */
export function startTracingFromEnvironment(serviceName: string, env: NodeJS.ProcessEnv = process.env): RunningTracing | undefined {
  if (env['OTEL_SDK_DISABLED'] === 'true' || env['OTEL_TRACES_EXPORTER'] === 'none') return undefined;
  const url = otlpTracesUrl(env);
  if (!url) return undefined;
  if (env['OTEL_TRACES_EXPORTER'] !== undefined && env['OTEL_TRACES_EXPORTER'] !== 'otlp') {
    throw new Error(`OTEL_TRACES_EXPORTER must be "otlp" or "none"; it is "${env['OTEL_TRACES_EXPORTER']}".`);
  }
  return startTracing(env['OTEL_SERVICE_NAME'] ?? serviceName, new BatchSpanProcessor(new OTLPTraceExporter({ url })), samplerFrom(env));
}

/** Starts tracing with a span processor of the caller's (tests: a SimpleSpanProcessor over an InMemorySpanExporter). */
export function startTracing(serviceName: string, processor: SpanProcessor, sampler: Sampler = defaultSampler()): RunningTracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    sampler,
    spanProcessors: [processor],
  });
  // The AsyncLocalStorage context manager and the W3C trace-context propagator (traceparent, tracestate).
  provider.register();
  tracingOn = true;
  return {
    shutdown: async () => {
      tracingOn = false;
      await provider.shutdown();
    },
  };
}

export function otlpTracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) return env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  if (env['OTEL_EXPORTER_OTLP_ENDPOINT']) return `${env['OTEL_EXPORTER_OTLP_ENDPOINT'].replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

function defaultSampler(): Sampler {
  return new ParentBasedSampler({ root: new AlwaysOnSampler() });
}

/** The sampler the OpenTelemetry specification's variables name; a ratio must be between 0 and 1. */
export function samplerFrom(env: NodeJS.ProcessEnv): Sampler {
  const name = env['OTEL_TRACES_SAMPLER'] ?? 'parentbased_always_on';
  const ratio = () => {
    const value = Number(env['OTEL_TRACES_SAMPLER_ARG'] ?? '1');
    if (!(value >= 0 && value <= 1))
      throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1; it is "${env['OTEL_TRACES_SAMPLER_ARG']}".`);
    return new TraceIdRatioBasedSampler(value);
  };
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio();
    case 'parentbased_always_on':
      return defaultSampler();
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio() });
    default:
      throw new Error(
        `OTEL_TRACES_SAMPLER "${name}" is not one this service supports (always_on, always_off, traceidratio, parentbased_*).`,
      );
  }
}

/**
 * Runs `work` inside a span named `name` (a child of the active one), ending it when `work` settles and marking
 * it as an error if `work` throws. With tracing off this is `work()`.
 * Spans carry no patient data: names, counts, ids of the request — never a patient id, name or a value.
 */
export function traced<T>(name: string, attributes: Attributes | undefined, work: (span: Span | undefined) => Promise<T>): Promise<T> {
  if (!tracingOn) return work(undefined);
  return tracer.startActiveSpan(name, { attributes: attributes ?? {} }, (span) => settle(span, work(span)));
}

/** As `traced`, for a span of a given kind (an HTTP server or client call) under an explicit parent context. */
export function tracedIn<T>(
  name: string,
  options: { kind: SpanKind; attributes?: Attributes; parent?: Context },
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!tracingOn) return work(undefined);
  const parent = options.parent ?? context.active();
  const span = tracer.startSpan(name, { kind: options.kind, attributes: options.attributes ?? {} }, parent);
  return context.with(trace.setSpan(parent, span), () => settle(span, work(span)));
}

/** A span already begun elsewhere (an Apollo plugin hook), ended by the caller; undefined with tracing off. */
export function beginSpan(name: string, attributes?: Attributes, parent?: Context): Span | undefined {
  if (!tracingOn) return undefined;
  return tracer.startSpan(name, { attributes: attributes ?? {} }, parent ?? context.active());
}

/** Runs `work` with `span` as the active span (its children hang under it). */
export function withSpan<T>(span: Span | undefined, work: () => T): T {
  if (!span) return work();
  return context.with(trace.setSpan(context.active(), span), work);
}

/** Adds attributes to the active span (with tracing off, nothing). */
export function annotateActiveSpan(attributes: Attributes): void {
  if (tracingOn) trace.getActiveSpan()?.setAttributes(attributes);
}

export function failSpan(span: Span | undefined, error: unknown): void {
  if (!span) return;
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
}

async function settle<T>(span: Span, running: Promise<T>): Promise<T> {
  try {
    return await running;
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

const headerGetter: TextMapGetter<IncomingHttpHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

/** The trace context a request arrived with (W3C `traceparent` / `tracestate`), to continue its trace. */
export function contextFromHeaders(headers: IncomingHttpHeaders): Context {
  if (!tracingOn || headers['traceparent'] === undefined) return context.active();
  return propagation.extract(context.active(), headers, headerGetter);
}

/** Adds the active span's W3C trace context to outgoing headers, so the next service continues the trace. */
export function injectTraceHeaders(headers: Record<string, string>): void {
  if (tracingOn) propagation.inject(context.active(), headers);
}
