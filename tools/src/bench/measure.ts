import { runLoad } from './load.js';
import { machineBusySeconds, ownCpuSeconds, treeUsage } from './process-usage.js';
import { sqlStatementsSoFar } from './sql-statements.js';
import type { AuthorizationPool } from './callers.js';
import type { BenchOperation } from './operations.js';
import { percentile } from './percentile.js';

/** Where a run sends its load, and which processes serve it. */
export interface Target {
  /** e.g. `ours, 2 workers`, `stock @apollo/gateway`, `direct to patient subgraph`. */
  label: string;
  url: string;
  /** Absent for a target that signs in on its own (the peer gateways sign for the subgraphs themselves). */
  authorization?: AuthorizationPool;
  /** The gateway process (with its workers), if the load goes through one. */
  gatewayPid?: number;
  subgraphPids: number[];
  subgraphUrls: Record<string, string>;
  /** Processes whose CPU is reported one by one (each subgraph, PostgreSQL when embedded), by name. */
  processes?: Record<string, number>;
  /** For a target that must be (re)started before each slice (other service settings): starts it, returns it live. */
  activate?: () => Promise<Target>;
}

export interface Measurement {
  phase: string;
  operation: string;
  target: string;
  connections: number;
  offeredRate?: number;
  /** How many measured slices were pooled (interleaved with the other targets of the phase). */
  rounds: number;
  requests: number;
  requestsPerSecond: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  sqlPerOperation: number;
  gatewayRssMiB?: number;
  /** CPU time per request: the gateway's, the subgraphs', and the rest of this machine's (PostgreSQL, load generator, other users). */
  cpuMsPerRequest: {
    gateway?: number;
    subgraphs: number;
    everythingElse: number;
    /** Per process: each subgraph, `postgres` (when embedded), `load generator` (this process), and `other` (the machine's rest). */
    byProcess?: Record<string, number>;
    /** The whole machine's busy CPU per request, everyone's included. */
    machine?: number;
  };
}

export interface RunShape {
  phase: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  rate?: number;
}

/** One measured slice of load on one target, before it is pooled with the target's other slices. */
interface Sample {
  latencies: number[];
  seconds: number;
  errors: number;
  sql: number;
  gatewayCpu: number;
  subgraphsCpu: number;
  machineCpu: number;
  loadGeneratorCpu: number;
  processCpu: Record<string, number>;
  gatewayRssMiB?: number;
}

/**
 * Measures one operation on several targets in interleaved rounds (A B C, A B C, …) and pools each target's
 * rounds, so a change in the machine's background load (other people's test runs on the same two cores)
 * falls on every target alike instead of on whichever ran during it. Each target is warmed up first (a
 * target that is restarted for each slice, after each start).
 */
export async function compare(
  operation: BenchOperation,
  bodies: string[],
  targets: Target[],
  shape: RunShape,
  rounds = 1,
): Promise<Measurement[]> {
  const samples = targets.map(() => [] as Sample[]);
  const warmUp = (target: Target) =>
    shape.warmupSeconds > 0 ? runLoad({ ...plan(bodies, target, shape), seconds: shape.warmupSeconds }) : undefined;
  for (const target of targets.filter((t) => !t.activate)) await warmUp(target);
  for (let round = 0; round < rounds; round++) {
    for (const [i, target] of targets.entries()) {
      const live = target.activate ? await target.activate() : target;
      // Freshly started services compile their queries on first use: give them longer than a warm process.
      if (target.activate) await runLoad({ ...plan(bodies, live, shape), seconds: Math.max(shape.warmupSeconds, 5) });
      samples[i]!.push(await sample(bodies, live, shape));
    }
  }
  return targets.map((target, i) => pool(operation, target, shape, samples[i]!));
}

/** Warms up, then measures one operation on one target. */
export async function measure(operation: BenchOperation, bodies: string[], target: Target, shape: RunShape): Promise<Measurement> {
  const [result] = await compare(operation, bodies, [target], shape);
  return result!;
}

function plan(bodies: string[], target: Target, shape: RunShape) {
  let next = 0;
  return {
    url: target.url,
    ...(target.authorization ? { authorization: target.authorization.next } : {}),
    body: () => bodies[next++ % bodies.length]!,
    connections: shape.connections,
    ...(shape.rate !== undefined ? { rate: shape.rate } : {}),
  };
}

async function sample(bodies: string[], target: Target, shape: RunShape): Promise<Sample> {
  const gatewayCpu = () => (target.gatewayPid !== undefined ? treeUsage(target.gatewayPid).cpuSeconds : 0);
  const subgraphsCpu = () => sum(target.subgraphPids.map((pid) => treeUsage(pid).cpuSeconds));
  const processCpu = () =>
    Object.fromEntries(Object.entries(target.processes ?? {}).map(([name, pid]) => [name, treeUsage(pid).cpuSeconds]));
  const before = {
    sql: await sqlStatementsSoFar(target.subgraphUrls),
    gateway: gatewayCpu(),
    subgraphs: subgraphsCpu(),
    processes: processCpu(),
    loadGenerator: ownCpuSeconds(),
    machine: machineBusySeconds(),
  };
  const load = await runLoad({ ...plan(bodies, target, shape), seconds: shape.seconds });
  const after = processCpu();
  return {
    ...load,
    machineCpu: machineBusySeconds() - before.machine,
    gatewayCpu: gatewayCpu() - before.gateway,
    subgraphsCpu: subgraphsCpu() - before.subgraphs,
    loadGeneratorCpu: ownCpuSeconds() - before.loadGenerator,
    processCpu: Object.fromEntries(Object.entries(after).map(([name, seconds]) => [name, seconds - (before.processes[name] ?? 0)])),
    sql: (await sqlStatementsSoFar(target.subgraphUrls)) - before.sql,
    ...(target.gatewayPid !== undefined ? { gatewayRssMiB: treeUsage(target.gatewayPid).rssMiB } : {}),
  };
}

function pool(operation: BenchOperation, target: Target, shape: RunShape, samples: Sample[]): Measurement {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const requests = latencies.length;
  const total = (pick: (s: Sample) => number) => sum(samples.map(pick));
  const perRequest = (seconds: number) => (requests > 0 ? (seconds * 1000) / requests : 0);
  const gatewayCpu = total((s) => s.gatewayCpu);
  const subgraphsCpu = total((s) => s.subgraphsCpu);
  const machineCpu = total((s) => s.machineCpu);
  const named = Object.keys(samples[0]?.processCpu ?? {});
  const byProcess: Record<string, number> = {};
  for (const name of named) byProcess[name] = perRequest(total((s) => s.processCpu[name] ?? 0));
  byProcess['load generator'] = perRequest(total((s) => s.loadGeneratorCpu));
  // The named processes are the subgraphs, PostgreSQL when embedded, and any stand-ins: the rest is the machine's.
  const namedCpu = total((s) => sum(Object.values(s.processCpu)));
  byProcess['other'] = perRequest(Math.max(0, machineCpu - gatewayCpu - namedCpu - total((s) => s.loadGeneratorCpu)));
  return {
    phase: shape.phase,
    operation: operation.key,
    target: target.label,
    connections: shape.connections,
    ...(shape.rate !== undefined ? { offeredRate: shape.rate } : {}),
    rounds: samples.length,
    requests,
    requestsPerSecond: requests / total((s) => s.seconds),
    meanMs: requests > 0 ? sum(latencies) / requests : 0,
    p50Ms: percentileOrZero(latencies, 0.5),
    p95Ms: percentileOrZero(latencies, 0.95),
    p99Ms: percentileOrZero(latencies, 0.99),
    errors: total((s) => s.errors),
    sqlPerOperation: requests > 0 ? total((s) => s.sql) / requests : 0,
    ...(samples.at(-1)?.gatewayRssMiB !== undefined ? { gatewayRssMiB: samples.at(-1)!.gatewayRssMiB } : {}),
    cpuMsPerRequest: {
      ...(target.gatewayPid !== undefined ? { gateway: perRequest(gatewayCpu) } : {}),
      subgraphs: perRequest(subgraphsCpu),
      everythingElse: perRequest(Math.max(0, machineCpu - gatewayCpu - subgraphsCpu)),
      byProcess,
      machine: perRequest(machineCpu),
    },
  };
}

/** One request, to check the operation answers without errors before load is put on it; the error if not. */
export async function probe(url: string, authorization: AuthorizationPool | undefined, body: string): Promise<string | undefined> {
  const headers = { 'content-type': 'application/json', ...(authorization ? { authorization: authorization.next(body) } : {}) };
  const response = await fetch(url, { method: 'POST', headers, body });
  const answer = (await response.json().catch(() => ({}))) as {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const error = answer.errors?.[0];
  if (error) return `${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}`;
  if (!response.ok) return `HTTP ${response.status}`;
  return undefined;
}

// An empty sample reads as 0 in the table rather than NaN.
function percentileOrZero(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : percentile(sorted, q);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
