import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseAuditKey } from '@epr/identity';
import { auditKeyFile } from '../audit/audit-key-file.js';
import { verifySecurityLog } from '../audit/verify-log.js';
import { startBenchStack, type BenchStack, type StackSettings } from './bench-stack.js';
import { seededData } from './bench-data.js';
import { sessionTokens } from './callers.js';
import { measure, probe, type Measurement, type Target } from './measure.js';
import type { BenchOperation } from './operations.js';
import { explain, seedSecurityLog } from './audit-log-seed.js';
import { measureAppends } from './audit-appends.js';

/*
 * `npm run bench:audit`: what the security log costs and how it scales, in one run on a scratch database.
 *  1. fills the log with --events chained events through the append function (set-based batches);
 *  2. a patient read through the gateway with the log on, off (EPR_BENCHMARK_DISABLE_AUDIT) and on again;
 *  3. four concurrent writers appending straight to the chain, as four subgraphs do: its ceiling;
 *  4. EXPLAIN (ANALYZE, BUFFERS) of the privacy officer's queries and the verifier's page on the filled log;
 *  5. the verifier over the whole log.
 */
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    events: { type: 'string', default: '500000' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    appends: { type: 'string', default: '1000' },
  },
});
const events = Number(values.events);
const perWriter = Number(values.appends);
const shape = { connections: Number(values.connections), seconds: Number(values.seconds), warmupSeconds: Number(values.warmup) };

const patientRead: BenchOperation = {
  key: 'patient-read',
  title: 'patient read (1 subgraph)',
  document: 'query PatientRead($id: ID!) { patient(id: $id) { id nhsNumber name { given family } birthDate } }',
  variables: (data) => data.patientIds.map((id) => ({ id })),
};
// The switch is refused in production, so both sides of the comparison run in a benchmark mode.
const mode = (audit: boolean): StackSettings => ({
  env: { NODE_ENV: 'benchmark', ...(audit ? {} : { EPR_BENCHMARK_DISABLE_AUDIT: '1' }) },
  gatewayEnv: {},
});

console.log('Starting the stack on a scratch database…');
const stack = await startBenchStack(mode(true), async () => undefined);
try {
  await run(stack);
} finally {
  await stack.stop();
}

async function run(bench: BenchStack): Promise<void> {
  const url = bench.database.url;
  const keyFile = auditKeyFile(bench.keyDir);
  const key = parseAuditKey(await readFile(keyFile, 'utf8'), keyFile);

  let started = performance.now();
  await seedSecurityLog(url, key, events);
  const seedSeconds = (performance.now() - started) / 1000;
  console.log(
    `\n1. Seeded ${events} chained events in ${seedSeconds.toFixed(1)} s (${Math.round(events / seedSeconds)} events/s, 10,000 per append call).`,
  );

  const data = await seededData(url);
  const bodies = (patientRead.variables(data) as Record<string, unknown>[]).map((variables) =>
    JSON.stringify({ query: patientRead.document, variables }),
  );
  const tokens = await sessionTokens(bench.keyDir, { userId: 'dr.amelia.hart', roleProfileId: 'rp-hart-rx1' }, 20_000);
  const target = (label: string): Target => {
    const { services, gatewayUrl, subgraphUrls } = bench.current();
    return {
      label,
      url: gatewayUrl,
      authorization: tokens,
      gatewayPid: services.find((s) => s.name === 'gateway')!.child.pid!,
      subgraphPids: services.filter((s) => s.name !== 'gateway').map((s) => s.child.pid!),
      subgraphUrls,
    };
  };
  const problem = await probe(bench.current().gatewayUrl, tokens, bodies[0]!);
  if (problem) throw new Error(`The patient read fails before any load: ${problem}`);
  const runs: Measurement[] = [];
  for (const audit of [true, false, true]) {
    if (runs.length > 0) await bench.restart(mode(audit));
    runs.push(await measure(patientRead, bodies, target(audit ? 'audit on' : 'audit off'), { phase: 'audit', ...shape }));
  }
  console.log(
    `\n2. ${patientRead.title} through the gateway, ${shape.connections} connections, ${shape.seconds} s each (after ${shape.warmupSeconds} s warm-up):`,
  );
  console.log('| run | req/s | p50 ms | p95 ms | errors | SQL/request | subgraph CPU ms/request |\n|---|---|---|---|---|---|---|');
  for (const m of runs) {
    console.log(
      `| ${m.target} | ${m.requestsPerSecond.toFixed(0)} | ${m.p50Ms.toFixed(1)} | ${m.p95Ms.toFixed(1)} | ${m.errors} | ${m.sqlPerOperation.toFixed(2)} | ${m.cpuMsPerRequest.subgraphs.toFixed(2)} |`,
    );
  }
  const on = (runs[0]!.requestsPerSecond + runs[2]!.requestsPerSecond) / 2;
  console.log(
    `Throughput with the log on is ${((on / runs[1]!.requestsPerSecond) * 100).toFixed(0)} % of throughput with it off (mean of the two "on" runs).`,
  );

  const appends = await measureAppends(url, key, 4, perWriter, 2);
  console.log(
    `\n3. Chain ceiling: 4 concurrent writers × ${perWriter} appends of 2 events: ${appends.appendsPerSecond.toFixed(0)} appends/s, ` +
      `p50 ${appends.p50Ms.toFixed(2)} ms, p95 ${appends.p95Ms.toFixed(2)} ms per append.`,
  );

  console.log('\n4. Query plans on the filled log:');
  // Parameters, as the API sends them: PostgreSQL then prunes the months a period excludes while planning.
  const hourAgo = new Date(Date.now() - 3_600_000);
  const dayAgo = new Date(Date.now() - 86_400_000);
  const patientId = createHash('md5')
    .update('bench-patient-42')
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
  const latest = 'ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 51';
  const plans: [string, string, unknown[]][] = [
    ["a patient's latest 50 events", `SELECT * FROM audit.access_event e WHERE e.patient_id = $1 ${latest}`, [patientId]],
    [
      "one user's events in the last day",
      `SELECT * FROM audit.access_event e WHERE e.user_id = $1 AND e.occurred_at >= $2 ${latest}`,
      ['bench.user.42', dayAgo],
    ],
    [
      'denials in the last hour',
      `SELECT * FROM audit.access_event e WHERE e.outcome = 'DENIED' AND e.occurred_at >= $1 ${latest}`,
      [hourAgo],
    ],
    [
      "the verifier's page of 10,000 seq values",
      'SELECT * FROM audit.access_event WHERE seq >= $1 AND seq < $2 ORDER BY seq',
      [200_000, 210_000],
    ],
  ];
  for (const [title, sql, params] of plans) console.log(`\n-- ${title}\n${await explain(url, sql, params)}`);

  started = performance.now();
  const report = await verifySecurityLog(url, key);
  const verifySeconds = (performance.now() - started) / 1000;
  console.log(
    `\n5. Verifier: ${report.events} events in ${verifySeconds.toFixed(1)} s (${Math.round(report.events / verifySeconds)} events/s), ` +
      `${report.findings.length} findings.`,
  );
}
