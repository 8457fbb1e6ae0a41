import cluster from 'node:cluster';
import client from 'prom-client';

/**
 * Prometheus metrics of one process, through prom-client: counters, histograms, and the process's own CPU, memory,
 * event-loop delay and garbage collection (`process_*`, `nodejs_*`). Every service serves them at `/metrics`.
 */
export const metricsRegistry = client.register;

// A cluster worker answers its primary's requests for its metrics (see `aggregateWorkerMetrics`) from as early as it
// can, so a scrape that lands on a worker still starting up does not wait for the primary to time out on another.
if (cluster.isWorker) new client.AggregatorRegistry();

/** A counter series (one set of label values), counted here too so a process can read its own figure. */
export class Counter {
  private value = 0;
  constructor(private readonly series: { inc: (by: number) => void }) {}
  inc(by = 1): void {
    this.value += by;
    this.series.inc(by);
  }
  get(): number {
    return this.value;
  }
}

/** Seconds, from 1 ms to 10 s: what a request, a subgraph call or a statement takes here. */
export const durationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class MetricsRegistry {
  private processMetrics = false;

  /** A counter series; the same name with other label values is another series of the same family. */
  counter(name: string, help: string, labels: Record<string, string> = {}): Counter {
    const labelNames = Object.keys(labels);
    const family = (metricsRegistry.getSingleMetric(name) as client.Counter | undefined) ?? new client.Counter({ name, help, labelNames });
    return new Counter(labelNames.length > 0 ? family.labels(labels) : family);
  }

  /** A counter family whose label values are known only when counting (e.g. why a request was refused). */
  counterFamily<L extends string>(name: string, help: string, labelNames: readonly L[]): client.Counter<L> {
    return (metricsRegistry.getSingleMetric(name) as client.Counter<L> | undefined) ?? new client.Counter({ name, help, labelNames });
  }

  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[] = durationBuckets,
  ): client.Histogram<L> {
    return (
      (metricsRegistry.getSingleMetric(name) as client.Histogram<L> | undefined) ??
      new client.Histogram({ name, help, labelNames, buckets })
    );
  }

  /** The process's CPU, memory, event-loop delay and GC; once per process. */
  collectProcessMetrics(): void {
    if (this.processMetrics) return;
    this.processMetrics = true;
    client.collectDefaultMetrics({ register: metricsRegistry });
  }

  readonly contentType = metricsRegistry.contentType;

  render(): Promise<string> {
    return metricsRegistry.metrics();
  }
}

export const metrics = new MetricsRegistry();

/**
 * A label value from a bounded set: the first `max` distinct values seen are kept, later ones count as `other`,
 * so an operation name a client chose cannot grow the number of series without end.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(private readonly max = 100) {}
  of(value: string | null | undefined): string {
    const label = value && value.length <= 100 ? value : value ? 'other' : 'anonymous';
    if (this.seen.has(label)) return label;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(label);
    return label;
  }
}

const askPrimary = 'epr:metrics?';
const primaryAnswer = 'epr:metrics';

/**
 * The primary of a node:cluster group (the gateway with several workers): answers a worker asking for the whole
 * group's metrics, summed over every worker (prom-client's aggregation: counters and histograms added, gauges
 * by their own rule), so a scrape of /metrics, whichever worker takes it, sees the whole gateway.
 */
export function aggregateWorkerMetrics(): void {
  const aggregator = new client.AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== askPrimary) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: primaryAnswer, id: message.id, text }),
      (error: Error) => worker.send({ type: primaryAnswer, id: message.id, error: error.message }),
    );
  });
}

let workerSide: ((timeoutMs: number) => Promise<string>) | undefined;

/** This process's metrics; in a cluster worker, the whole group's, from the primary (see `aggregateWorkerMetrics`). */
export function groupMetrics(timeoutMs = 6_000): Promise<string> {
  if (!cluster.isWorker || !process.send) return metrics.render();
  workerSide ??= workerMetricsClient();
  return workerSide(timeoutMs);
}

function workerMetricsClient(): (timeoutMs: number) => Promise<string> {
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  let next = 0;
  process.on('message', (message: { type?: string; id?: number; text?: string; error?: string }) => {
    if (message?.type !== primaryAnswer || message.id === undefined) return;
    const request = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.text !== undefined) request?.resolve(message.text);
    else request?.reject(new Error(message.error ?? 'no metrics from the primary'));
  });
  return (timeoutMs) =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the gateway primary did not answer with metrics in time'));
      }, timeoutMs);
      waiting.set(id, {
        resolve: (text) => {
          clearTimeout(timer);
          resolve(text);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      process.send!({ type: askPrimary, id });
    });
}
