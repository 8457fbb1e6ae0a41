import { parseArgs } from 'node:util';
import pg from 'pg';
import { gatewaySession } from './gateway-session.js';
import { startBenchStack } from './bench-stack.js';
import { seedPatients } from './patient-seed.js';
import { percentile } from './percentile.js';

/*
 * `npm run bench:patient [-- --patients 1000000 --searches 600]`: finding a patient in a master patient index of
 * `--patients` people. Seeds a scratch database set-based (patient-seed.ts), then times, one at a time, searches a
 * clinician makes — names as registered, with typos, sound-alike and shortened given names, a family name with a
 * birth date, a family name alone — and NHS-number look-ups, two ways: the SQL statement the patient subgraph
 * sends (its own statement builder, run directly) and the query through the gateway (gateway hop, subgraph,
 * audit write included). Prints p50/p95 and the plans (EXPLAIN ANALYZE, BUFFERS) of one search of each kind.
 */

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { patients: { type: 'string', default: '1000000' }, searches: { type: 'string', default: '600' } },
});
const patients = Number(values.patients);
const searches = Number(values.searches);
if (!Number.isInteger(patients) || patients < 1000 || !Number.isInteger(searches) || searches < 10) {
  throw new Error('--patients takes a whole number from 1000, --searches one from 10.');
}

interface Criteria {
  familyName: string | null;
  givenName: string | null;
  birthDate: Date | null;
  postcode: string | null;
}

/**
 * The patient subgraph's own statement builder (data/search/patient-search.ts), loaded from its build: the tools cannot
 * depend on the subgraph when they are compiled (the subgraph's code generation runs the tools), so the part of its
 * signature used here is restated.
 */
type PatientSearchSql = (criteria: Criteria, window: { limit: number; after: null }) => { text: string; values: unknown[] };
const searchModule = '@epr/subgraph-patient/data/search/patient-search';
const { patientSearchSql } = (await import(searchModule)) as { patientSearchSql: PatientSearchSql };

// What PatientStore.findByNhsNumbers sends (Prisma), for one NHS number.
const nhsNumberSql = `SELECT "id", "nhs_number", "temporary_identity", "given_name", "family_name", "birth_date", "sex"::text,
  "gender_identity"::text, "address_lines", "postcode", "telephone", "email", "registered_gp_practice_id", "date_of_death",
  "replaced_by_id", "created_at" FROM "patient"."patient" WHERE "nhs_number" IN ($1) OFFSET $2::bigint`;

interface Sample {
  given: string;
  family: string;
  birthDate: Date;
  nhsNumber: string | null;
}

type Kind =
  | 'name as registered'
  | 'family name with two letters swapped'
  | 'given name shortened, family name misspelt'
  | 'family name and birth date'
  | 'family name alone';
const worstCase = 'family name alone: Smith, the commonest';
const kinds: Kind[] = [
  'name as registered',
  'family name with two letters swapped',
  'given name shortened, family name misspelt',
  'family name and birth date',
  'family name alone',
];

function swapLetters(word: string, at: number): string {
  const i = 1 + (at % Math.max(1, word.length - 2));
  return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word;
}

function dropLetter(word: string, at: number): string {
  const i = 1 + (at % Math.max(1, word.length - 1));
  return word.length > 4 ? word.slice(0, i) + word.slice(i + 1) : word;
}

function criteriaFor(kind: Kind, s: Sample, n: number): Criteria {
  const none = { familyName: null, givenName: null, birthDate: null, postcode: null };
  switch (kind) {
    case 'name as registered':
      return { ...none, familyName: s.family, givenName: s.given };
    case 'family name with two letters swapped':
      return { ...none, familyName: swapLetters(s.family, n), givenName: s.given };
    case 'given name shortened, family name misspelt':
      return { ...none, familyName: dropLetter(s.family, n), givenName: s.given.slice(0, 3) };
    case 'family name and birth date':
      return { ...none, familyName: s.family, birthDate: s.birthDate };
    case 'family name alone':
      return { ...none, familyName: s.family };
  }
}

function row(label: string, ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  return `| ${label} | ${sorted.length} | ${percentile(sorted, 0.5).toFixed(2)} | ${percentile(sorted, 0.95).toFixed(2)} | ${sorted.at(-1)!.toFixed(2)} |`;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

console.log(`Seeding ${patients.toLocaleString('en-GB')} patients…`);
let seeded = { patients: 0, withNhsNumber: 0, nameWords: 0 };
let seedSeconds = 0;
const stack = await startBenchStack({ env: { NODE_ENV: 'production' }, gatewayEnv: {} }, async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    seeded = await seedPatients(client, patients, (done) => process.stdout.write(`\r  ${done.toLocaleString('en-GB')}`));
    seedSeconds = (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
});

try {
  console.log(
    `\nSeeded ${seeded.patients.toLocaleString('en-GB')} patients (${seeded.withNhsNumber.toLocaleString('en-GB')} with an NHS number, ` +
      `${seeded.nameWords.toLocaleString('en-GB')} distinct name words) in ${seedSeconds.toFixed(0)} s.`,
  );
  const client = new pg.Client({ connectionString: stack.database.url });
  // Stopping the stack drops the scratch database under this connection; that is the end, not an error.
  client.on('error', () => undefined);
  await client.connect();
  await client.query('SELECT setseed(0.7)');
  const { rows } = await client.query<{ given: string; family: string; birth_date: Date; nhs_number: string | null }>(
    `SELECT given_name AS given, family_name AS family, birth_date, nhs_number FROM patient.patient
      WHERE nhs_number IS NOT NULL ORDER BY random() LIMIT $1`,
    [searches],
  );
  const samples: Sample[] = rows.map((r) => ({ given: r.given, family: r.family, birthDate: r.birth_date, nhsNumber: r.nhs_number }));
  const cases = samples.map((sample, n) => ({
    kind: kinds[n % kinds.length]!,
    criteria: criteriaFor(kinds[n % kinds.length]!, sample, n),
    nhsNumber: sample.nhsNumber!,
  }));

  const send = await gatewaySession(() => stack.current().gatewayUrl, stack.keyDir, 'dr.amelia.hart', 'rp-hart-rx1');
  const searchQuery = `query ($criteria: PatientSearchInput!) {
    searchPatients(criteria: $criteria, first: 20) { edges { score node { id nhsNumber name { given family } birthDate } } }
  }`;
  const nhsQuery = `query ($nhsNumber: String!) { patientByNhsNumber(nhsNumber: $nhsNumber) { id name { given family } birthDate } }`;
  const variablesOf = (c: Criteria) => ({ criteria: { ...c, birthDate: c.birthDate?.toISOString().slice(0, 10) ?? null } });

  const sqlTimes = new Map<string, number[]>();
  const gatewayTimes = new Map<string, number[]>();
  const add = (times: Map<string, number[]>, label: string, ms: number) => times.set(label, [...(times.get(label) ?? []), ms]);
  let found = 0;
  for (const c of cases.slice(0, 30)) {
    const { text, values: params } = patientSearchSql(c.criteria, { limit: 21, after: null });
    await client.query(text, params);
    await send(searchQuery, variablesOf(c.criteria));
  }
  for (const c of cases) {
    const { text, values: params } = patientSearchSql(c.criteria, { limit: 21, after: null });
    add(sqlTimes, c.kind, await timed(() => client.query(text, params)));
    add(sqlTimes, 'NHS number', await timed(() => client.query(nhsNumberSql, [c.nhsNumber, 0])));
  }
  // The worst case on purpose: the commonest family name alone (about 2 % of the index).
  const commonest = { familyName: 'Smith', givenName: null, birthDate: null, postcode: null };
  for (let i = 0; i < 20; i += 1) {
    const { text, values: params } = patientSearchSql(commonest, { limit: 21, after: null });
    add(sqlTimes, worstCase, await timed(() => client.query(text, params)));
    add(gatewayTimes, worstCase, await timed(() => send(searchQuery, variablesOf(commonest))));
  }
  for (const c of cases) {
    let data: Record<string, any> = {};
    add(gatewayTimes, c.kind, await timed(async () => void (data = await send(searchQuery, variablesOf(c.criteria)))));
    if (c.kind === 'name as registered' && data['searchPatients'].edges.some((e: { score: number }) => e.score === 1)) found += 1;
    add(gatewayTimes, 'NHS number', await timed(() => send(nhsQuery, { nhsNumber: c.nhsNumber })));
  }
  // On the connection the searches ran on: a fresh one would show the one-off cost of loading the unaccent rules.
  const explain = async (sql: string, params: unknown[]) =>
    (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
  const all = (times: Map<string, number[]>) => [...times].filter(([label]) => kinds.includes(label as Kind)).flatMap(([, ms]) => ms);
  const header = ['| search | n | p50 ms | p95 ms | max ms |', '|---|---:|---:|---:|---:|'];
  const table = (times: Map<string, number[]>) =>
    [...header, ...[...times].map(([label, ms]) => row(label, ms)), row('all name searches above', all(times))].join('\n');
  console.log(`\nThe SQL statement the patient subgraph sends (first 20 results), one at a time:\n${table(sqlTimes)}`);
  console.log(`\nThrough the gateway (searchPatients first: 20; patientByNhsNumber), one at a time:\n${table(gatewayTimes)}`);
  const asRegistered = cases.filter((c) => c.kind === 'name as registered').length;
  console.log(`\n${found} of ${asRegistered} searches by a name as registered found a patient scoring 1.`);

  for (const kind of kinds) {
    const c = cases.find((x) => x.kind === kind)!;
    const { text, values: params } = patientSearchSql(c.criteria, { limit: 21, after: null });
    const shown = Object.entries(c.criteria)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k} ${v instanceof Date ? v.toISOString().slice(0, 10) : v}`);
    console.log(`\nPlan — ${kind} (${shown.join(', ')}):\n${await explain(text, params)}`);
  }
  const { text: worstText, values: worstParams } = patientSearchSql(commonest, { limit: 21, after: null });
  console.log(`\nPlan — ${worstCase}:\n${await explain(worstText, worstParams)}`);
  console.log(`\nPlan — NHS number:\n${await explain(nhsNumberSql, [cases[0]!.nhsNumber, 0])}`);
  await client.end();
} finally {
  await stack.stop();
}
