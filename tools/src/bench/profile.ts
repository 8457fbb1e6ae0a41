import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startBenchStack } from './bench-stack.js';
import { seedVolume, seededData } from './bench-data.js';
import { sessionTokens } from './callers.js';
import { runLoad } from './load.js';
import { embeddedPostgresPid, ownCpuSeconds, treeUsage } from './process-usage.js';
import { bodiesFor, patientSummary } from './operations.js';
import { summariseCpuProfile } from './cpu-profile-summary.js';
import { startRecordedSubgraphs, type RecordedSubgraphs } from './gateway-alone.js';
import { subgraphUrlEnvironment, type SubgraphName } from '@epr/platform';

/**
 * `npm run bench:profile`: the system in production mode with every service under `node --cpu-prof`, the patient
 * summary driven for `--seconds`, then each service's profile summed: self time by package and by function, and
 * the inclusive time of the parts the issue asks about (field rules, Prisma, credential checks, policy, JSON…).
 * Read with `docs/benchmarks.md`; the raw `.cpuprofile` files load into Chrome DevTools as flame graphs (`--keep`).
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '16' },
    patients: { type: 'string', default: '20000' },
    top: { type: 'string', default: '25' },
    keep: { type: 'string' },
    // No profiler: CPU per summary of each process from /proc, as the benchmark counts it, to compare one cut quickly.
    'cpu-only': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    // With EPR_POSTGRES_SETTINGS='shared_preload_libraries=pg_stat_statements pg_stat_statements.track_planning=on':
    // the statements PostgreSQL spent its time on during the measured load, per summary.
    'sql-stats': { type: 'boolean', default: false },
    // Our gateway alone: a second gateway in front of stand-ins replaying the subgraphs' recorded answers (as the
    // bench's "gateway alone" phase), driven and profiled by itself.
    'gateway-alone': { type: 'boolean', default: false },
  },
});
const cpuOnly = values['cpu-only'];
const profileDir = values.keep ?? (await mkdtemp(join(tmpdir(), 'epr-profile-')));
await mkdir(profileDir, { recursive: true });
const stack = await startBenchStack(
  {
    env: { NODE_ENV: 'production', ...(cpuOnly ? {} : { EPR_CPU_PROFILE_DIR: profileDir }) },
    gatewayEnv: { GATEWAY_WORKERS: '1' },
  },
  (url) => seedVolume(url, Number(values.patients)).then(() => undefined),
);
const pids = new Map<number, string>();
let recorded: RecordedSubgraphs | undefined;
try {
  let gatewayUrl = stack.current().gatewayUrl;
  if (values['gateway-alone']) {
    recorded = await startRecordedSubgraphs(stack.current().subgraphUrls, stack.supergraphFile, stack.freePort, stack.logDir);
    const alone = await stack.current().startGateway('gateway-alone', await stack.freePort(), {
      NODE_ENV: 'production',
      GATEWAY_WORKERS: '1',
      GATEWAY_RATE_LIMITS: 'off',
      ...(cpuOnly ? {} : { EPR_CPU_PROFILE_DIR: profileDir }),
      ...subgraphUrlEnvironment(recorded.urls as Record<SubgraphName, string>),
    });
    pids.set(alone.child.pid!, 'gateway alone');
    pids.set(recorded.service.child.pid!, 'recorded subgraphs');
    gatewayUrl = `${alone.baseUrl}/graphql`;
  } else {
    for (const service of stack.current().services) pids.set(service.child.pid!, service.name);
  }
  const data = await seededData(stack.database.url);
  const bodies = bodiesFor(patientSummary, data);
  const tokens = await sessionTokens(stack.keyDir, patientSummary.caller!, 100_000);
  const plan = {
    url: gatewayUrl,
    authorization: tokens.next,
    body: () => bodies[0]!,
    connections: Number(values.connections),
  };
  console.log(`Warming up for 5 s, then ${cpuOnly ? 'measuring' : 'profiling'} the patient summary…`);
  await runLoad({ ...plan, seconds: 5 });
  const sqlStats = values['sql-stats'] ? await statementStats(stack.database.url) : undefined;
  if (cpuOnly) {
    const postgres = embeddedPostgresPid();
    const processes = new Map(pids);
    if (postgres !== undefined) processes.set(postgres, 'postgres');
    for (let round = 1; round <= Number(values.rounds); round++) {
      const cpu = () => new Map([...processes].map(([pid, name]) => [name, treeUsage(pid).cpuSeconds]));
      const before = { cpu: cpu(), own: ownCpuSeconds() };
      const load = await runLoad({ ...plan, seconds: Number(values.seconds) });
      const after = cpu();
      const n = load.latencies.length;
      const perRequest = (seconds: number) => (seconds * 1000) / n;
      const by = [...after].map(([name, s]) => [name, perRequest(s - before.cpu.get(name)!)] as const);
      const system = by.reduce((sum, [, ms]) => sum + ms, 0);
      const gateway = by.find(([name]) => name.startsWith('gateway'))?.[1] ?? 0;
      console.log(
        `round ${round}: ${n} summaries (${load.errors} errors, ${(n / Number(values.seconds)).toFixed(0)} req/s); CPU ms per summary: ` +
          `${by.map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')}; subgraphs ${(system - gateway - (by.find(([name]) => name === 'postgres')?.[1] ?? 0)).toFixed(2)}; ` +
          `system ${system.toFixed(2)}; load generator ${perRequest(ownCpuSeconds() - before.own).toFixed(2)}`,
      );
    }
  } else {
    // SIGUSR2 starts each service's profiler and stops it again (EPR_CPU_PROFILE_DIR): the profile is the load alone.
    // (The stand-ins have no profiler: they are not what is measured.)
    const profiled = [...pids].filter(([, name]) => name !== 'recorded subgraphs').map(([pid]) => pid);
    const signal = () => {
      for (const pid of profiled) process.kill(pid, 'SIGUSR2');
    };
    signal();
    const load = await runLoad({ ...plan, seconds: Number(values.seconds) });
    signal();
    console.log(`${load.latencies.length} summaries (${load.errors} errors) while profiling.`);
    await waitForProfiles(profileDir, profiled.length);
  }
  if (sqlStats) await sqlStats.print();
} finally {
  await recorded?.stop();
  await stack.stop();
}

async function statementStats(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await client.query('SELECT pg_stat_statements_reset()');
  return {
    print: async () => {
      const { rows } = await client.query<{ calls: string; exec_ms: number; plan_ms: number; query: string }>(
        `SELECT calls, total_exec_time AS exec_ms, total_plan_time AS plan_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
           FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 20`,
      );
      console.log('\nPostgreSQL time by statement (ms in all; calls):');
      for (const r of rows)
        console.log(
          `  exec ${r.exec_ms.toFixed(0).padStart(6)}  plan ${r.plan_ms.toFixed(0).padStart(5)}  ${r.calls.padStart(6)}×  ${r.query}`,
        );
      await client.end();
    },
  };
}

async function waitForProfiles(dir: string, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).length < count && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 250));
}

// What the issue asks to measure, as frames whose inclusive time is summed (a sample counts once per label).
const parts: Record<string, RegExp> = {
  'graphql-shield / graphql-middleware (per-field rules)': /node_modules\/(graphql-shield|graphql-middleware)\//,
  'Prisma (client, adapter, query compiler)': /node_modules\/(@prisma|\.prisma)\/|__generated__/,
  'pg driver': /node_modules\/pg(-protocol|-pool|-types)?\//,
  'credential / session verification (jose, node:crypto)':
    /node_modules\/jose\/|credential-verifier|session-verifier|credential-trust|verifySignature/,
  'credential signing': /credential-signer/,
  'policy engine (decide)': /packages\/policy\//,
  'policy facts (RequestPolicy, AccessControlStore)': /request-policy|access-control-store/,
  'security log (AuditTrail, ChainedAuditStore)': /audit-trail|audit-store|audit-plugin/,
  'JSON.parse / JSON.stringify': /^(parse|stringify) $/,
  'graphql-js execute': /node_modules\/graphql\/execution\//,
  'graphql-js parse / validate': /node_modules\/graphql\/(language|validation)\//,
  'Apollo Server': /node_modules\/@apollo\/server\//,
  '@apollo/gateway (plan, execute, post-process)': /node_modules\/@apollo\/(gateway|query-planner|federation-internals)\//,
  'operation limits (graphql-armor, complexity)': /graphql-armor|graphql-query-complexity|operation-limits/,
  'input hygiene': /input-hygiene/,
  'pino logging': /node_modules\/pino/,
  undici: /node_modules\/undici\//,
  'node:http': /node:_http|node:http/,
};
for (const file of (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile'))) {
  const pid = Number(file.split('-').at(-2));
  const service = pids.get(pid) ?? `pid ${pid}`;
  const summary = await summariseCpuProfile(join(profileDir, file), parts);
  const top = Number(values.top);
  const pct = (ms: number) => `${((100 * ms) / summary.busyMs).toFixed(1)} %`;
  console.log(`\n## ${service}: ${(summary.busyMs / 1000).toFixed(1)} s busy`);
  console.log('\nInclusive (a frame and everything it called):');
  for (const [label, ms] of summary.inclusive) console.log(`  ${pct(ms).padStart(7)}  ${label}`);
  console.log('\nSelf time by origin:');
  for (const [origin, ms] of summary.byOrigin.slice(0, 15)) console.log(`  ${pct(ms).padStart(7)}  ${origin}`);
  console.log('\nSelf time by function:');
  for (const [name, ms] of summary.byFunction.slice(0, top)) console.log(`  ${pct(ms).padStart(7)}  ${name}`);
}
if (values.keep) console.log(`\nProfiles kept in ${profileDir} (open them in Chrome DevTools, Performance tab).`);
else await rm(profileDir, { recursive: true, force: true });
