import { parseArgs } from 'node:util';
import { mintSessionToken } from '../dev-issuer/index.js';
import { AdtApplier } from '../hl7/adt-applier.js';
import { GatewayClient } from '../hl7/gateway-client.js';
import { splitMessages } from '../hl7/message-stream.js';
import { processMessage } from '../hl7/process-message.js';
import { startBenchStack } from './bench-stack.js';
import { gatewaySession } from './gateway-session.js';
import { percentile } from './percentile.js';

/*
 * `npm run bench:interop [-- --people 100 --reads 300]`: what interoperability costs, on the whole system in
 * production mode on a scratch database.
 *  - ADT import: `--people` people each sent A28 (register), A01 (admit), A08 (update) and A03 (discharge), one
 *    message at a time in order as a PAS feed arrives, through the gateway as the interface engine (the
 *    importer's own code, in process); then the same messages again (all duplicates). Messages per second and
 *    each event's p50/p95.
 *  - FHIR $everything of a patient with 100 clinical items (40 problems, 30 allergies, 30 medications), `--reads`
 *    times one after another as the GP, against the same query sent to /graphql: the façade's own cost.
 */

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { people: { type: 'string', default: '100' }, reads: { type: 'string', default: '300' } },
});
const people = Number(values.people);
const reads = Number(values.reads);
if (!Number.isInteger(people) || people < 1 || !Number.isInteger(reads) || reads < 20) {
  throw new Error('--people takes a whole number from 1, --reads one from 20.');
}

const everythingQuery = `query ($id: ID!) { patient(id: $id) { id nhsNumber name { given family } birthDate
  problems { id code { conceptId term } onsetDate status sealLevel author { id displayName } authoringOrganisation { odsCode name } recordedAt }
  allergies { id category substance { conceptId term } reaction { conceptId term } severity sealLevel author { id displayName } authoringOrganisation { odsCode name } recordedAt }
  medications { id medicine { conceptId term } dosage status startDate endDate sealLevel author { id displayName } authoringOrganisation { odsCode name } recordedAt }
  referrals { id } appointments { id } } }`;
const usedNhs = new Set<string>();

const stack = await startBenchStack({ env: { NODE_ENV: 'production' }, gatewayEnv: {} }, async () => undefined);
try {
  const gatewayUrl = stack.current().gatewayUrl;
  const token = async (userId: string, roleProfileId: string) =>
    (await mintSessionToken({ userId, roleProfileId }, { keyDir: stack.keyDir })).token;

  // ADT import.
  const feed = splitMessages(adtFeed(people));
  const applier = new AdtApplier(new GatewayClient(gatewayUrl, await token('interface.engine', 'rp-interface-rx1')));
  const importRun = async () => {
    const byEvent = new Map<string, number[]>();
    const outcomes = { accepted: 0, duplicate: 0, rejected: 0 };
    const started = performance.now();
    for (const raw of feed) {
      const sent = performance.now();
      const result = await processMessage(applier, raw.text);
      const event = raw.text.split('|')[8]!.split('^')[1]!;
      byEvent.set(event, [...(byEvent.get(event) ?? []), performance.now() - sent]);
      outcomes[result.outcome] += 1;
      if (result.outcome === 'rejected') throw new Error(`message ${result.controlId} rejected: ${result.reason}`);
    }
    return { seconds: (performance.now() - started) / 1000, byEvent, outcomes };
  };
  const first = await importRun();
  const again = await importRun();

  // $everything of a patient with 100 items.
  const send = await gatewaySession(() => gatewayUrl, stack.keyDir, 'reception.sam.cole', 'rp-cole-a81001');
  const { registerPatient } = await send(
    `mutation { registerPatient(input: { givenName: "Hundred", familyName: "Itemsworth", birthDate: "1950-01-01", registeredGpPractice: "A81001" }) { id } }`,
    {},
  );
  const patientId = registerPatient.id as string;
  const gp = await gatewaySession(() => gatewayUrl, stack.keyDir, 'gp.david.lee', 'rp-lee-a81001');
  await seedHundredItems(gp, patientId);
  const gpToken = await token('gp.david.lee', 'rp-lee-a81001');
  const fhirUrl = `${gatewayUrl.replace(/\/graphql$/, '/fhir/R4')}/Patient/${patientId}/$everything?_count=100`;
  const graphqlBody = JSON.stringify({ query: everythingQuery, variables: { id: patientId } });
  const viaFhir = () => fetch(fhirUrl, { headers: { authorization: `Bearer ${gpToken}` } });
  const viaGraphql = () =>
    fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gpToken}` },
      body: graphqlBody,
    });
  const check = await (await viaFhir()).json();
  if ((check as { total?: number }).total !== 101) throw new Error(`$everything gave ${JSON.stringify(check).slice(0, 300)}`);
  const fhirTimes = await timeSequential(viaFhir, reads);
  const graphqlTimes = await timeSequential(viaGraphql, reads);

  const rows = [
    ['ADT import, first time', `${feed.length}`, `${(feed.length / first.seconds).toFixed(1)} msg/s`, eventLatencies(first.byEvent)],
    [
      'ADT import, sent again (duplicates)',
      `${feed.length}`,
      `${(feed.length / again.seconds).toFixed(1)} msg/s`,
      eventLatencies(again.byEvent),
    ],
    ['FHIR $everything (101 resources)', `${reads}`, summary(fhirTimes), ''],
    ['GraphQL, same query', `${reads}`, summary(graphqlTimes), ''],
  ];
  console.log(`\n| measurement | requests | result | per event p50 / p95 ms |\n|---|---|---|---|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nOutcomes: first ${JSON.stringify(first.outcomes)}, again ${JSON.stringify(again.outcomes)}.`);
} finally {
  await stack.stop();
}

function adtFeed(count: number): string {
  const messages: string[] = [];
  const stamp = (day: number, hour: number) => `202611${String(day).padStart(2, '0')}${String(hour).padStart(2, '0')}0000`;
  for (let i = 0; i < count; i += 1) {
    const id = `RX1-B${String(i).padStart(6, '0')}`;
    const pid = `PID|1||${nhsNumber(i)}^^^NHS^NH~${id}^^^RX1^MR||Benchley^Person${i}||19600101|F|||1 Bench Street^^Northfield^^LS1 4AP`;
    const msh = (event: string, n: number) => `MSH|^~\\&|BENCH-PAS|RX1|EPR|RX1|${stamp(1, 8)}||ADT^${event}|B${i}-${n}|P|2.4`;
    const pv1 = (admit: string, discharge = '') => `PV1|1|I|AMU${'|'.repeat(16)}V${i}${'|'.repeat(25)}${admit}|${discharge}`;
    messages.push([msh('A28', 1), `EVN|A28|${stamp(1, 8)}`, pid].join('\r'));
    messages.push([msh('A01', 2), `EVN|A01|${stamp(1, 9)}`, pid, pv1(stamp(1, 9))].join('\r'));
    messages.push([msh('A08', 3), `EVN|A08|${stamp(2, 9)}`, pid.replace('1 Bench Street', '2 Bench Street'), pv1(stamp(1, 9))].join('\r'));
    messages.push([msh('A03', 4), `EVN|A03|${stamp(3, 9)}`, pid, pv1(stamp(1, 9), stamp(3, 9))].join('\r'));
  }
  return messages.join('\n\n');
}

/** The i-th never-issued NHS number (999 range) that passes Modulus 11, from 999 200 0000 up. */
function nhsNumber(i: number): string {
  for (let n = i * 2; ; n += 1) {
    const nine = `9992${String(n).padStart(5, '0')}`;
    const check = 11 - ([...nine].reduce((sum, d, k) => sum + Number(d) * (10 - k), 0) % 11);
    if (check !== 10 && !usedNhs.has(nine)) {
      usedNhs.add(nine);
      return `${nine}${check === 11 ? 0 : check}`;
    }
  }
}

async function seedHundredItems(gp: Awaited<ReturnType<typeof gatewaySession>>, patientId: string): Promise<void> {
  const problems = [
    ['38341003', 'Hypertensive disorder'],
    ['44054006', 'Type 2 diabetes mellitus'],
    ['195967001', 'Asthma'],
    ['22298006', 'Myocardial infarction'],
  ];
  const substances = [
    ['764146007', 'Penicillin'],
    ['227493005', 'Cashew nut'],
  ];
  for (let i = 0; i < 40; i += 1) {
    const [conceptId, term] = problems[i % problems.length]!;
    await gp(`mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`, {
      input: { patientId, code: { conceptId, term } },
    });
  }
  for (let i = 0; i < 30; i += 1) {
    const [conceptId, term] = substances[i % substances.length]!;
    await gp(`mutation ($input: RecordAllergyInput!) { recordAllergy(input: $input) { id } }`, {
      input: { patientId, substance: { conceptId, term }, severity: 'MILD' },
    });
  }
  for (let i = 0; i < 30; i += 1) {
    await gp(`mutation ($input: RecordMedicationInput!) { recordMedication(input: $input) { id } }`, {
      input: { patientId, medicine: { conceptId: '319283006', term: 'Amlodipine 5mg tablets' }, dosage: `Dose ${i}` },
    });
  }
}

/** Each request after the last has been answered (a clinician opening a record), after 20 not counted. */
async function timeSequential(request: () => Promise<Response>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count + 20; i += 1) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    if (i >= 20) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

function summary(sorted: number[]): string {
  return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms`;
}

function eventLatencies(byEvent: Map<string, number[]>): string {
  return [...byEvent.entries()]
    .map(([event, times]) => {
      const sorted = [...times].sort((a, b) => a - b);
      return `${event} ${percentile(sorted, 0.5).toFixed(0)} / ${percentile(sorted, 0.95).toFixed(0)}`;
    })
    .join(', ');
}
