import pg from 'pg';
import { mintSessionToken } from '../dev-issuer/index.js';
import { startBenchStack } from './bench-stack.js';
import { organisationCode, seedClinicYear, serviceName } from './scheduling-year.js';
import { percentile } from './percentile.js';

/*
 * `npm run bench:scheduling [-- --services 100 --organisations 3 --searches 400]`: free-slot search over a
 * year of clinics. Seeds the clinics on a scratch database (set-based), then times the search two ways: the
 * SQL statement the scheduling subgraph sends (`SlotStore.findFree`, as Prisma writes it), with its plan,
 * and the `freeSlots` query through the gateway, one request at a time, as a booking clerk would.
 */

interface Options {
  services: number;
  organisations: number;
  searches: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { services: 100, organisations: 3, searches: 400 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '') as keyof Options;
    const value = Number(argv[i + 1]);
    if (!(name in options) || !Number.isInteger(value) || value < 1)
      throw new Error(`Unknown option or value: ${argv[i]} ${argv[i + 1] ?? ''}`);
    options[name] = value;
  }
  return options;
}

/** The statement `SlotStore.findFree` sends, copied from Prisma's query log; the organisation and kind filters are optional. */
function findFreeSql(withOrganisation: boolean, withKind: boolean): string {
  const s = '"scheduling"."slot"';
  const filters = [`${s}."service" = $1`];
  if (withOrganisation) filters.push(`${s}."organisation" = $5`);
  if (withKind) filters.push(`${s}."kind" = CAST($${withOrganisation ? 6 : 5}::text AS "scheduling"."slot_kind")`);
  filters.push(`${s}."starts_at" >= $2`, `${s}."starts_at" < $3`, `${s}."booked_count" < ${s}."capacity"`);
  const columns = ['id', 'session_id', 'clinic_id', 'organisation', 'service', 'starts_at', 'minutes', 'capacity', 'booked_count'].map(
    (c) => `${s}."${c}"`,
  );
  return `SELECT ${columns.join(', ')}, ${s}."kind"::text FROM ${s} WHERE (${filters.join(' AND ')}) ORDER BY ${s}."starts_at" ASC, ${s}."id" ASC LIMIT $4 OFFSET 0`;
}

interface Search {
  label: string;
  service: string;
  organisation: string | null;
  kind: 'NEW' | null;
  from: Date;
  to: Date;
}

/** Three searches a booking clerk makes: any provider's next slots, one provider's, and one provider's new-patient slots in a month. */
function searches(options: Options, yearStart: Date, count: number): Search[] {
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };
  const day = 86_400_000;
  return Array.from({ length: count }, (_, i) => {
    const service = serviceName(1 + random(options.services));
    const organisation = organisationCode(1 + random(options.organisations));
    if (i % 3 === 0)
      return {
        label: 'next free, any provider, year ahead',
        service,
        organisation: null,
        kind: null,
        from: yearStart,
        to: new Date(yearStart.getTime() + 365 * day),
      };
    if (i % 3 === 1)
      return {
        label: 'next free at one provider, year ahead',
        service,
        organisation,
        kind: null,
        from: yearStart,
        to: new Date(yearStart.getTime() + 365 * day),
      };
    const from = new Date(yearStart.getTime() + random(48) * 7 * day);
    return {
      label: 'new-patient slots at one provider, one month',
      service,
      organisation,
      kind: 'NEW',
      from,
      to: new Date(from.getTime() + 28 * day),
    };
  });
}

function sqlArguments(search: Search): [string, unknown[]] {
  const values: unknown[] = [search.service, search.from, search.to, 20];
  if (search.organisation) values.push(search.organisation);
  if (search.kind) values.push(search.kind);
  return [findFreeSql(search.organisation !== null, search.kind !== null), values];
}

function summarise(timings: Map<string, number[]>): string[] {
  return [...timings].map(([label, ms]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return `| ${label} | ${sorted.length} | ${percentile(sorted, 0.5).toFixed(2)} | ${percentile(sorted, 0.95).toFixed(2)} | ${sorted.at(-1)!.toFixed(2)} |`;
  });
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function record(timings: Map<string, number[]>, label: string, ms: number): void {
  timings.set(label, [...(timings.get(label) ?? []), ms]);
}

const options = parseOptions(process.argv.slice(2));
// The year starts next Monday, so every seeded slot is still in the future while the benchmark runs.
const yearStart = new Date();
yearStart.setUTCHours(0, 0, 0, 0);
yearStart.setUTCDate(yearStart.getUTCDate() + ((8 - yearStart.getUTCDay()) % 7 || 7));

console.log(
  `Seeding a year of clinics from ${yearStart.toISOString().slice(0, 10)}: ${options.services} services × ${options.organisations} providers…`,
);
let volume = { slots: 0, free: 0 };
let seedSeconds = 0;
const stack = await startBenchStack({ env: { NODE_ENV: 'production' }, gatewayEnv: {} }, async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    seedSeconds = (await timed(async () => void (volume = await seedClinicYear(client, { ...options, from: yearStart })))) / 1000;
  } finally {
    await client.end();
  }
});

try {
  console.log(
    `Seeded ${volume.slots.toLocaleString('en-GB')} slots (${volume.free.toLocaleString('en-GB')} free) in ${seedSeconds.toFixed(1)} s.`,
  );
  const client = new pg.Client({ connectionString: stack.database.url });
  await client.connect();
  const all = searches(options, yearStart, options.searches);

  const sqlTimings = new Map<string, number[]>();
  for (const search of all.slice(0, 30)) await client.query(...sqlArguments(search)); // warm-up
  for (const search of all) record(sqlTimings, search.label, await timed(async () => void (await client.query(...sqlArguments(search)))));

  const { token } = await mintSessionToken({ userId: 'clerk.chloe.reid', roleProfileId: 'rp-reid-rx1' }, { keyDir: stack.keyDir });
  const query = `query ($service: String!, $organisation: String, $kind: SlotKind, $from: DateTime!, $to: DateTime!) {
    freeSlots(service: $service, organisation: $organisation, kind: $kind, from: $from, to: $to, first: 20) { id startsAt remaining clinic { name location } }
  }`;
  const gatewayTimings = new Map<string, number[]>();
  let empty = 0;
  const viaGateway = async (search: Search) => {
    const response = await fetch(stack.current().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: { ...search, from: search.from.toISOString(), to: search.to.toISOString() } }),
    });
    const body = (await response.json()) as { data?: { freeSlots: unknown[] }; errors?: unknown[] };
    if (body.errors || !body.data) throw new Error(`freeSlots failed: ${JSON.stringify(body.errors)}`);
    if (body.data.freeSlots.length === 0) empty += 1;
  };
  for (const search of all.slice(0, 30)) await viaGateway(search);
  for (const search of all) record(gatewayTimings, search.label, await timed(() => viaGateway(search)));

  const header = ['| search | n | p50 ms | p95 ms | max ms |', '|---|---:|---:|---:|---:|'];
  console.log(`\nSQL statement (SlotStore.findFree), one at a time:\n${[...header, ...summarise(sqlTimings)].join('\n')}`);
  console.log(
    `\nfreeSlots through the gateway (20 slots with their clinic), one at a time:\n${[...header, ...summarise(gatewayTimings)].join('\n')}`,
  );
  console.log(`(${empty} of ${all.length} gateway searches found no free slot.)`);

  for (const label of sqlTimings.keys()) {
    const search = all.find((s) => s.label === label)!;
    const [text, values] = sqlArguments(search);
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    console.log(`\nPlan — ${label}:\n${plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
  }
  await client.end();
} finally {
  await stack.stop();
}
