import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../db/repo-root.js';
import { parseBenchOptions, type BenchOptions } from './bench-options.js';
import { startBenchStack, type BenchStack, type StackSettings } from './bench-stack.js';
import { seededData, seedVolume } from './bench-data.js';
import { perCallCredentials, sessionTokens, vouchedCaller, type AuthorizationPool } from './callers.js';
import { compare, measure, probe, type Measurement, type RunShape, type Target } from './measure.js';
import {
  bodiesFor,
  clinician,
  missingFromSupergraph,
  patientDemographics,
  patientSummary,
  supergraphSchema,
  tableOperations,
  type BenchOperation,
  type SeededData,
} from './operations.js';
import { startPeer, type PeerGateway, type StartedPeer } from './peers/peer-gateways.js';
import { startRecordedSubgraphs } from './gateway-alone.js';
import { subgraphUrlEnvironment, type SubgraphName } from '@epr/platform';
import { embeddedPostgresPid, machineBusySeconds, treeUsage } from './process-usage.js';
import { renderReport, writeReport, type BenchReport, type Ratio, type Skipped } from './report.js';
import { targetVerdicts } from './targets.js';

/**
 * `npm run bench`: the system in production mode on a seeded scratch database, driven by autocannon. One
 * run measures every operation through our gateway, the hop over a direct subgraph call, our gateway
 * against stock @apollo/gateway and Hive Gateway on the same subgraphs, and rules + audit on against off;
 * it prints a table and the ratios and writes both to `.data/bench/`.
 */
const options = parseBenchOptions(process.argv.slice(2));
const startedAt = new Date().toISOString();
const machineAtStart = machineBusySeconds();
const conditions = [
  `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; load average at start ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
];
// Extra gateways started beside the stack's get what startBenchStack gives its own: rate limits off (they would
// otherwise refuse one user's flood, and the comparison would measure refusals).
const benchGatewayEnv = { GATEWAY_RATE_LIMITS: 'off' };
const production: StackSettings = { env: { NODE_ENV: 'production' }, gatewayEnv: { GATEWAY_WORKERS: String(options.workers) } };

console.log(`Starting the stack in production mode on a scratch database (+${options.patients} synthetic patients)…`);
let volumeProblems: string[] = [];
const stack = await startBenchStack(production, async (url) => {
  volumeProblems = await seedVolume(url, options.patients);
});
try {
  const report = await runBenchmark(stack, options);
  const base = await writeReport(report, options.outDir ?? join(repoRoot(), '.data', 'bench'));
  console.log(`\n${renderReport(report)}\nWritten to ${base}.json and ${base}.md`);
} finally {
  await stack.stop();
}

async function runBenchmark(bench: BenchStack, opts: BenchOptions): Promise<BenchReport> {
  for (const problem of volumeProblems) conditions.push(`synthetic data not seeded for ${problem}`);
  const data = await seededData(bench.database.url);
  const supergraph = supergraphSchema(await readFile(bench.supergraphFile, 'utf8'));
  // Enough distinct tokens that none repeats within a slice; they outlive the whole benchmark.
  const poolSize = Math.max(5_000, (opts.seconds + opts.warmupSeconds) * 2_500);
  console.log(`Minting ${poolSize} session tokens per caller…`);
  const sessions = new Map<string, AuthorizationPool>();
  const sessionsFor = async ({ caller = clinician }: BenchOperation): Promise<AuthorizationPool> => {
    const key = `${caller.userId} ${caller.roleProfileId}`;
    if (!sessions.has(key)) sessions.set(key, await sessionTokens(bench.keyDir, caller, poolSize));
    return sessions.get(key)!;
  };
  // The peers and the direct calls serve the portal patient's summary and demographics, each subgraph call with a
  // credential signed for it as our gateway signs one.
  const vouchedFor = await vouchedCaller(bench.keyDir, patientSummary.caller ?? clinician, bench.current().subgraphUrls.patient);
  const signedFor = await perCallCredentials(bench.keyDir, vouchedFor);
  const summarySessions = await sessionsFor(patientSummary);

  const measurements: Measurement[] = [];
  const skipped: Skipped[] = [];
  const shape = (phase: string, extra: Partial<RunShape> = {}): RunShape => ({
    phase,
    connections: opts.connections,
    seconds: opts.seconds,
    warmupSeconds: opts.warmupSeconds,
    ...extra,
  });
  const ourWorkers = `ours, ${opts.workers} worker${opts.workers > 1 ? 's' : ''}`;
  const postgresPid = embeddedPostgresPid();
  if (postgresPid === undefined)
    conditions.push("PostgreSQL runs outside this benchmark's processes (DATABASE_URL): its CPU is in 'other'");
  const viaGateway = (label: string, name = 'gateway'): Target => {
    const services = bench.current().services;
    const subgraphs = services.filter((s) => !s.name.startsWith('gateway'));
    return {
      label,
      url: `${services.find((s) => s.name === name)!.baseUrl}/graphql`,
      authorization: summarySessions,
      gatewayPid: services.find((s) => s.name === name)!.child.pid!,
      subgraphPids: subgraphs.map((s) => s.child.pid!),
      subgraphUrls: bench.current().subgraphUrls,
      processes: {
        ...Object.fromEntries(subgraphs.map((s) => [s.name, s.child.pid!])),
        ...(postgresPid !== undefined ? { postgres: postgresPid } : {}),
      },
    };
  };
  const record = (results: Measurement[]) => {
    for (const m of results) {
      console.log(
        `  ${m.phase}: ${m.operation} via ${m.target}: ${m.requestsPerSecond.toFixed(0)} req/s, p50 ${m.p50Ms.toFixed(1)} ms, p95 ${m.p95Ms.toFixed(1)} ms, ${m.errors} errors`,
      );
      measurements.push(m);
    }
    return results;
  };

  // Which operations this supergraph and this data can serve at all; the rest are listed, not faked.
  const available: BenchOperation[] = [];
  for (const operation of [...tableOperations, patientDemographics]) {
    const reason = await unavailable(operation, supergraph, data, bench.current().gatewayUrl, await sessionsFor(operation));
    if (reason) skipped.push({ operation: operation.key, reason });
    else available.push(operation);
  }
  const can = (operation: BenchOperation) => available.includes(operation);

  console.log('Every operation through our gateway…');
  for (const operation of tableOperations.filter(can)) {
    const target = { ...viaGateway(ourWorkers), authorization: await sessionsFor(operation) };
    record([await measure(operation, bodiesFor(operation, data), target, shape('operations'))]);
  }

  const gateways: Measurement[] = [];
  let alone: Measurement[] = [];
  if (can(patientSummary)) {
    console.log('Gateways side by side on the patient summary, interleaved…');
    const peers: StartedPeer[] = [];
    try {
      const targets = [viaGateway(ourWorkers)];
      const extra: [string, Record<string, string>][] = [
        // The other choice on this machine: one process if the default runs several, else two.
        opts.workers > 1
          ? ['ours, 1 worker', { ...benchGatewayEnv, GATEWAY_WORKERS: '1' }]
          : ['ours, 2 workers', { ...benchGatewayEnv, GATEWAY_WORKERS: '2' }],
        ...opts.variants.map((v): [string, Record<string, string>] => [
          `ours, ${v.label}`,
          { ...benchGatewayEnv, ...production.gatewayEnv, ...v.env },
        ]),
      ];
      for (const [i, [label, env]] of extra.entries()) {
        await bench.current().startGateway(`gateway-${i + 2}`, await bench.freePort(), env);
        targets.push(viaGateway(label, `gateway-${i + 2}`));
      }
      const peerList: [PeerGateway, number, string][] = [
        ['stock-apollo-gateway', 1, 'stock @apollo/gateway'],
        ['hive-gateway', 1, 'Hive Gateway, 1 worker'],
        ...(opts.workers > 1
          ? ([['hive-gateway', opts.workers, `Hive Gateway, ${opts.workers} workers`]] as [PeerGateway, number, string][])
          : []),
      ];
      for (const [peer, workers, label] of opts.peers ? peerList : []) {
        try {
          const started = await startPeer(peer, {
            port: await bench.freePort(),
            supergraphFile: bench.supergraphFile,
            logDir: bench.logDir,
            credentials: { keyDir: bench.keyDir, caller: vouchedFor, subgraphUrls: bench.current().subgraphUrls },
            workers,
          });
          peers.push(started);
          // The peers sign for the subgraphs themselves, so the client sends them no credential.
          const failure = await probe(started.url, undefined, bodiesFor(patientSummary, data)[0]!);
          if (failure) skipped.push({ operation: `${patientSummary.key} via ${label}`, reason: failure });
          else {
            const { authorization: _ourSessions, ...peer } = viaGateway(label);
            targets.push({ ...peer, url: started.url, gatewayPid: started.service.child.pid! });
          }
        } catch (error) {
          skipped.push({ operation: `${patientSummary.key} via ${label}`, reason: `could not start: ${(error as Error).message}` });
        }
      }
      gateways.push(...record(await compare(patientSummary, bodiesFor(patientSummary, data), targets, shape('gateways'), opts.rounds)));
    } finally {
      await Promise.all(peers.map((p) => p.stop()));
    }

    if (opts.peers) {
      console.log('The gateways alone: stand-ins answer for the subgraphs from a recording of their real answers, interleaved…');
      const recorded = await startRecordedSubgraphs(bench.current().subgraphUrls, bench.supergraphFile, bench.freePort, bench.logDir);
      let stock: StartedPeer | undefined;
      try {
        const port = await bench.freePort();
        await bench.current().startGateway('gateway-alone', port, {
          ...benchGatewayEnv,
          ...production.gatewayEnv,
          ...subgraphUrlEnvironment(recorded.urls as Record<SubgraphName, string>),
        });
        stock = await startPeer('stock-apollo-gateway', {
          port: await bench.freePort(),
          supergraphFile: recorded.supergraphFile,
          logDir: bench.logDir,
          credentials: { keyDir: bench.keyDir, caller: vouchedFor, subgraphUrls: recorded.urls },
        });
        const standIns = { 'recorded subgraphs': recorded.service.child.pid! };
        const ours = viaGateway(ourWorkers, 'gateway-alone');
        const { authorization: _ourSessions, ...peer } = viaGateway('stock @apollo/gateway');
        alone = record(
          await compare(
            patientSummary,
            bodiesFor(patientSummary, data),
            [
              { ...ours, processes: { ...ours.processes, ...standIns } },
              { ...peer, url: stock.url, gatewayPid: stock.service.child.pid!, processes: { ...peer.processes, ...standIns } },
            ],
            shape('gateway alone'),
            opts.rounds,
          ),
        );
      } finally {
        await stock?.stop();
        await recorded.stop();
      }
    }

    console.log(`The patient summary at ${opts.targetRate} req/s offered…`);
    // Enough connections that the offered rate, not the connection count, sets the pace.
    record([
      await measure(
        patientSummary,
        bodiesFor(patientSummary, data),
        viaGateway(ourWorkers),
        shape('latency target', { rate: opts.targetRate, connections: Math.max(opts.connections, 64) }),
      ),
    ]);
  }

  let hop: Measurement[] = [];
  if (can(patientDemographics)) {
    console.log('The hop: one connection, straight to the patient subgraph and through our gateway, interleaved…');
    const { gatewayPid: _, ...direct } = {
      ...viaGateway('direct to patient subgraph'),
      url: bench.current().subgraphUrls.patient,
      authorization: { next: (body: string) => signedFor('patient', body) },
    };
    hop = record(
      await compare(
        patientDemographics,
        bodiesFor(patientDemographics, data),
        [direct, viaGateway(ourWorkers)],
        shape('hop', { connections: 1 }),
        opts.rounds,
      ),
    );
  }

  let switches: Measurement[] = [];
  if (can(patientSummary) && opts.switches) {
    console.log('Rules and audit on and off (the services restarted for each slice), interleaved…');
    // The switches are refused in production, so every side of this comparison runs in a benchmark mode.
    const settings: [string, Record<string, string>][] = [
      ['rules + audit on', {}],
      ['rules + audit off', { EPR_BENCHMARK_DISABLE_RULES: '1', EPR_BENCHMARK_DISABLE_AUDIT: '1' }],
      ['rules off', { EPR_BENCHMARK_DISABLE_RULES: '1' }],
      ['audit off', { EPR_BENCHMARK_DISABLE_AUDIT: '1' }],
    ];
    const targets = settings.map(([label, env]): Target => ({
      ...viaGateway(`${ourWorkers}, ${label}`),
      activate: async () => {
        await bench.restart({ env: { NODE_ENV: 'benchmark', ...env }, gatewayEnv: production.gatewayEnv });
        return viaGateway(`${ourWorkers}, ${label}`);
      },
    }));
    switches = record(await compare(patientSummary, bodiesFor(patientSummary, data), targets, shape('rules/audit'), opts.rounds));
  }

  const ourTree = treeUsage(process.pid).cpuSeconds;
  const busy = machineBusySeconds() - machineAtStart;
  conditions.push(
    `load average at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; the machine was busy ${busy.toFixed(0)} CPU-s during the run, ` +
      `${Math.max(0, busy - ourTree).toFixed(0)} CPU-s of it outside this benchmark's processes (other users' work)`,
    'load generator: autocannon in this process, on the same 2 cores as everything it measures',
  );
  const ratios: Ratio[] = targetVerdicts({
    gateways,
    alone,
    hop,
    switches,
    latency: measurements.find((m) => m.phase === 'latency target'),
    targetRate: opts.targetRate,
  });
  return {
    startedAt,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    conditions,
    skipped,
    measurements,
    ratios,
  };
}

async function unavailable(
  operation: BenchOperation,
  supergraph: ReturnType<typeof supergraphSchema>,
  data: SeededData,
  gatewayUrl: string,
  sessions: AuthorizationPool,
): Promise<string | undefined> {
  const missing = missingFromSupergraph(operation, supergraph);
  if (missing) return `the composed supergraph cannot serve it yet: ${missing}`;
  const variables = operation.variables(data);
  if (!Array.isArray(variables)) return variables.unavailable;
  const failure = await probe(gatewayUrl, sessions, bodiesFor(operation, data)[0]!);
  return failure ? `it answers with an error: ${failure}` : undefined;
}
