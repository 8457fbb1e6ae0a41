import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kind, parse } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { defaultOperationLimits, estimateOperationCost } from '@epr/platform';
import { repoRoot } from '../db/repo-root.js';
import { startBenchStack, type BenchStack, type StackSettings } from './bench-stack.js';
import { seedVolume } from './bench-data.js';
import { sessionTokens } from './callers.js';
import { runLoad, type LoadResult } from './load.js';
import { patientSummary } from './operations.js';
import { percentile } from './percentile.js';
import { seedPortalAccounts, type PortalAccount } from './portal-accounts.js';
import { treeUsage } from './process-usage.js';

/*
 * `npm run bench:abuse`: what one hostile portal account can do to everybody else, in one run on a scratch
 * database, in production mode with the rate limits on.
 *  1. alone: many portal patients, each reading their own summary, at a steady offered rate;
 *  2. flood: the same, while one other portal account floods costly operations (unique documents, near the
 *     cost limit, from several sessions on many connections) as fast as the gateway answers;
 *     1 and 2 alternate for --rounds rounds and each is pooled, so the machine's other work falls on both;
 *  3. alone again, to see the system come back;
 *  4. (contrast) the flood with the rate limits off, so the table shows what they are holding back.
 * Target: normal users' p95 under the flood at most 2 × their p95 alone, no service restarted, the gateway's
 * memory bounded.
 */
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    seconds: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '15' },
    rate: { type: 'string', default: '20' },
    users: { type: 'string', default: '40' },
    connections: { type: 'string', default: '8' },
    'flood-connections': { type: 'string', default: '32' },
    'flood-sessions': { type: 'string', default: '8' },
    contrast: { type: 'boolean', default: true },
    help: { type: 'boolean', default: false },
  },
  allowNegative: true,
});
if (values.help) {
  console.log(
    `npm run bench:abuse [-- --seconds 15 --rounds 2 --warmup 15 --rate 20 --users 40 --flood-connections 32 --flood-sessions 8 --no-contrast]`,
  );
  process.exit(0);
}
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);

// The flood: the attacker's own record, asked for as expensively as the cost limit lets one operation be —
// lists within lists (referrals → patient → referrals → appointments) and the longest access log page.
const flood = `query Flood($id: ID!) { patient(id: $id) {
  ALIAS: referrals { id specialty priority receivedOn patient { referrals { id specialty patient { appointments { id clinicName startsAt status } } } } }
  accessLog(first: 100) { edges { node { occurredAt role organisation { name } what reason outcome } } }
  appointments { id clinicName organisation startsAt status }
} }`;

const production = (rateLimits: 'on' | 'off'): StackSettings => ({
  env: { NODE_ENV: 'production' },
  gatewayEnv: { GATEWAY_RATE_LIMITS: rateLimits },
});
let portal: PortalAccount[] = [];

console.log('Starting the stack on a scratch database…');
const stack = await startBenchStack(production('on'), async (url) => {
  const problems = await seedVolume(url, 2_000);
  if (problems.length > 0) throw new Error(`Could not seed the synthetic patients: ${problems.join('; ')}`);
  portal = await seedPortalAccounts(url, Number(values.users) + 1);
});
try {
  await run(stack);
} finally {
  await stack.stop();
}

interface Phase {
  name: string;
  normal: LoadResult;
  flood?: { result: LoadResult; statuses: Map<number, number> };
  gatewayRssMiB: number;
  gatewayCpuSeconds: number;
}

async function run(bench: BenchStack): Promise<void> {
  const attacker = portal.at(-1)!;
  const patients = portal.slice(0, -1);
  const normal = await normalUsers(bench.keyDir, patients);
  const attackerTokens = await sessionTokens(bench.keyDir, attacker, Number(values['flood-sessions']));
  let unique = 0;
  const floodBody = () =>
    JSON.stringify({ query: flood.replace('ALIAS', `r${(unique++).toString(36)}`), variables: { id: attacker.patientId } });
  const cost = await floodCost(attacker.patientId);
  console.log(
    `${patients.length} portal patients at ${values.rate} req/s in all; the flood: one portal account, ${values['flood-sessions']} sessions, ` +
      `${values['flood-connections']} connections, every document unique, estimated cost ${cost} (limit ${defaultOperationLimits.maxCost}).`,
  );

  const services = () => bench.current().services.map((s) => `${s.name}:${s.child.pid}`);
  const before = services();
  const gatewayPid = () => bench.current().services.find((s) => s.name === 'gateway')!.child.pid!;
  const phases: Phase[] = [];

  const measure = async (name: string, withFlood: boolean): Promise<Phase> => {
    const url = bench.current().gatewayUrl;
    const startCpu = treeUsage(gatewayPid()).cpuSeconds;
    const statuses = new Map<number, number>();
    const [normalResult, floodResult] = await Promise.all([
      runLoad({
        url,
        authorization: normal.authorization,
        body: normal.body,
        connections: Number(values.connections),
        seconds,
        rate: Number(values.rate),
      }),
      withFlood
        ? runLoad({
            url,
            authorization: attackerTokens.next,
            body: floodBody,
            connections: Number(values['flood-connections']),
            seconds,
            statuses,
          })
        : undefined,
    ]);
    const usage = treeUsage(gatewayPid());
    const phase: Phase = {
      name,
      normal: normalResult,
      ...(floodResult ? { flood: { result: floodResult, statuses } } : {}),
      gatewayRssMiB: usage.rssMiB,
      gatewayCpuSeconds: usage.cpuSeconds - startCpu,
    };
    phases.push(phase);
    console.log(describe(phase));
    return phase;
  };

  // Every patient's session signs in and every operation is planned before anything is measured.
  const warmUp = () =>
    runLoad({
      url: bench.current().gatewayUrl,
      authorization: normal.authorization,
      body: normal.body,
      connections: 4,
      seconds: warmupSeconds,
      rate: Number(values.rate),
    });
  await warmUp();
  const rssAtStart = treeUsage(gatewayPid()).rssMiB;
  const alone: Phase[] = [];
  const flooded: Phase[] = [];
  for (let round = 1; round <= Number(values.rounds); round++) {
    alone.push(await measure(`alone (${round})`, false));
    flooded.push(await measure(`flood, limits on (${round})`, true));
  }
  const after = await measure('alone again', false);
  const restarted = services().join() !== before.join() || bench.current().services.some((s) => s.child.exitCode !== null);

  let unlimited: Phase | undefined;
  if (values.contrast) {
    await bench.restart(production('off'));
    await warmUp();
    unlimited = await measure('flood, limits off', true);
  }

  const p95 = (...pooled: Phase[]) =>
    percentile(
      pooled.flatMap((phase) => phase.normal.latencies).sort((a, b) => a - b),
      0.95,
    );
  const ms = (value: number) => (Number.isNaN(value) ? 'no answer at all' : `${value.toFixed(1)} ms`);
  const ratio = p95(...flooded) / p95(...alone);
  console.log('');
  console.log(`normal users' p95: alone ${ms(p95(...alone))}, under the flood ${ms(p95(...flooded))}, after it ${ms(p95(after))}`);
  console.log(`flood ratio (p95 under the flood / p95 alone): ${ratio.toFixed(2)} × — target ≤ 2 ×: ${ratio <= 2 ? 'met' : 'MISSED'}`);
  if (unlimited) {
    const answered = unlimited.normal.latencies.length;
    console.log(
      `without rate limits the same flood: normal users' p95 ${ms(p95(unlimited))} (${(p95(unlimited) / p95(...alone)).toFixed(2)} ×), ${answered} answers in ${seconds} s`,
    );
  }
  console.log(`services restarted during the flood: ${restarted ? 'YES' : 'none'}`);
  console.log(
    `gateway RSS: ${rssAtStart.toFixed(0)} MiB after warm-up, ${Math.max(...flooded.map((p) => p.gatewayRssMiB)).toFixed(0)} MiB at most after a flood, ` +
      `${after.gatewayRssMiB.toFixed(0)} MiB after recovery`,
  );
}

/** The portal patients, each signed in with a session of their own and reading their own summary. */
async function normalUsers(
  keyDir: string,
  accounts: PortalAccount[],
): Promise<{ authorization: (body: string) => string; body: () => string }> {
  const sessions = await Promise.all(
    accounts.map(async (account) => {
      const body = JSON.stringify({ query: patientSummary.document, variables: { id: account.patientId } });
      return [body, await sessionTokens(keyDir, account, 1)] as const;
    }),
  );
  const tokenFor = new Map(sessions);
  let turn = 0;
  return {
    body: () => sessions[turn++ % sessions.length]![0],
    // Each request's authorization is that of the patient whose record its body asks for.
    authorization: (body) => tokenFor.get(body)!.next(body),
  };
}

async function floodCost(patientId: string): Promise<number> {
  const supergraph = Supergraph.build(await readFile(join(repoRoot(), 'schema', 'supergraph.graphql'), 'utf8'));
  const document = parse(flood.replace('ALIAS', 'r0'));
  const operation = document.definitions[0]!;
  if (operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('The flood document must start with its operation.');
  return estimateOperationCost(
    supergraph.apiSchema().toGraphQLJSSchema(),
    document,
    operation,
    { id: patientId },
    defaultOperationLimits.assumedListSize,
  );
}

function describe(phase: Phase): string {
  const sorted = [...phase.normal.latencies].sort((a, b) => a - b);
  const served = phase.normal.latencies.length;
  const line = [
    `${phase.name.padEnd(24)} normal: ${served} answers (${(served / phase.normal.seconds).toFixed(1)}/s), p50 ${percentile(sorted, 0.5).toFixed(1)} ms,`,
    `p95 ${percentile(sorted, 0.95).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, errors ${phase.normal.errors};`,
    `gateway CPU ${phase.gatewayCpuSeconds.toFixed(1)} s, RSS ${phase.gatewayRssMiB.toFixed(0)} MiB`,
  ].join(' ');
  if (!phase.flood) return line;
  const counts = [...phase.flood.statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
  const total = phase.flood.result.latencies.length;
  return `${line}\n${''.padEnd(24)} flood: ${total} requests (${(total / phase.flood.result.seconds).toFixed(0)}/s) — ${counts.join(', ')}`;
}
