import { parseArgs } from 'node:util';
import pg from 'pg';
import { gatewaySession } from './gateway-session.js';
import { explain } from './audit-log-seed.js';
import { startBenchStack } from './bench-stack.js';
import { seedRttPathways } from './rtt-pathway-seed.js';
import { percentile } from './percentile.js';
import { seedBenchClerk, seedBenchPatients } from './rtt-bench-people.js';
import { measurePtlExport } from './ptl-export-measure.js';
import { mintSessionToken } from '../dev-issuer/index.js';
import { readPostmaster } from '../db/postmaster-pid.js';

/*
 * `npm run bench:rtt [-- --pathways 1000000 --runs 20 --exports 3]`: the RTT reports of one trust over every one
 * of its pathways. Seeds a scratch database set-based, then times, through the gateway as the trust's booking
 * office calls them, the patient tracking list (first page, and a page 1,000 rows in) and the % within 18 weeks
 * (whole trust, one specialty); then downloads the whole tracking list as CSV (/reports/rtt/ptl.csv) `--exports`
 * times, with its time and the gateway's and care-pathway subgraph's resident memory; and prints EXPLAIN
 * (ANALYZE, BUFFERS) of the statements the care-pathway subgraph sends for them.
 */

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    pathways: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '20' },
    exports: { type: 'string', default: '3' },
  },
});
const pathways = Number(values.pathways);
const runs = Number(values.runs);
const exportRuns = Number(values.exports);
if (![pathways, runs, exportRuns].every((n) => Number.isInteger(n) && n >= 1))
  throw new Error('--pathways, --runs and --exports take positive whole numbers.');

const organisation = 'RBENCH';
const census = '2026-11-24';

console.log(`Seeding ${pathways.toLocaleString('en-GB')} pathways for ${organisation}, census date ${census}…`);
let seeded = { pathways: 0, open: 0 };
let seedSeconds = 0;
let clerk = { userId: '', roleProfileId: '' };
const stack = await startBenchStack({ env: { NODE_ENV: 'production' }, gatewayEnv: {} }, async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    seeded = await seedRttPathways(client, { pathways, organisation, census });
    // The pathways' patients (one in four pathways shares a patient), with NHS numbers for the export to join.
    await seedBenchPatients(client, Math.min(pathways, 250_000));
    clerk = await seedBenchClerk(client, organisation);
    seedSeconds = (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
});

try {
  console.log(
    `Seeded ${seeded.pathways.toLocaleString('en-GB')} pathways (${seeded.open.toLocaleString('en-GB')} open) in ${seedSeconds.toFixed(1)} s.`,
  );
  // Reports are the booking office's (R8010 holds pathway.report and may identify patients on the list), and
  // answer for the caller's own organisation: the bench trust's own clerk reads them.
  const send = await gatewaySession(() => stack.current().gatewayUrl, stack.keyDir, clerk.userId, clerk.roleProfileId);

  const trackingList = `query ($organisation: String!, $censusDate: Date, $after: String) {
    patientTrackingList(organisation: $organisation, censusDate: $censusDate, first: 100, after: $after) {
      entries { pathway { id } patient { id } specialty priority clockStartedOn weeksWaited band { label } breachDate decisionToAdmit }
      endCursor hasNextPage
    }
  }`;
  const performanceQuery = `query ($organisation: String!, $censusDate: Date!, $specialty: String) {
    rttPerformance(organisation: $organisation, censusDate: $censusDate, specialty: $specialty) {
      incompletePathways within18Weeks percentWithin18Weeks meetsStandard withDecisionToAdmit
      bySpecialty { specialty incompletePathways percentWithin18Weeks } bands { band { label } pathways }
    }
  }`;

  // The cursor of the 1,000th row, read once, so the deep page is the same request every time.
  let deepCursor: string | null = null;
  for (let page = 0; page < 10; page += 1) {
    const data = await send(trackingList, { organisation, censusDate: census, after: deepCursor });
    deepCursor = data.patientTrackingList.endCursor as string;
  }

  const cases: [string, () => Promise<unknown>][] = [
    ['tracking list, first 100 rows', () => send(trackingList, { organisation, censusDate: census })],
    ['tracking list, rows 1,001-1,100', () => send(trackingList, { organisation, censusDate: census, after: deepCursor })],
    ['% within 18 weeks, whole trust', () => send(performanceQuery, { organisation, censusDate: census })],
    ['% within 18 weeks, one specialty', () => send(performanceQuery, { organisation, censusDate: census, specialty: 'Cardiology' })],
  ];
  const lines = ['| query (through the gateway) | runs | p50 ms | p95 ms | max ms |', '|---|---:|---:|---:|---:|'];
  for (const [label, run] of cases) {
    for (let i = 0; i < 3; i += 1) await run();
    const ms: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      await run();
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    lines.push(
      `| ${label} | ${runs} | ${percentile(ms, 0.5).toFixed(1)} | ${percentile(ms, 0.95).toFixed(1)} | ${ms.at(-1)!.toFixed(1)} |`,
    );
  }
  const result = await send(performanceQuery, { organisation, censusDate: census });
  console.log(`\n${lines.join('\n')}`);
  const { incompletePathways, within18Weeks, percentWithin18Weeks } = result.rttPerformance;
  console.log(
    `\n${organisation} on ${census}: ${incompletePathways} incomplete pathways, ${within18Weeks} within 18 weeks (${percentWithin18Weeks} %).`,
  );

  // The whole tracking list as CSV, as a reporting tool downloads it; memory of the two services it streams through.
  const { token } = await mintSessionToken(clerk, { keyDir: stack.keyDir });
  const pidOf = (name: string) => stack.current().services.find((s) => s.name === name)!.child.pid!;
  // PostgreSQL's CPU (the cursor's statement and the security log's appends) when it runs on this machine.
  const postgres = await postgresPid(stack.database.url);
  const fileUrl = new URL(`/reports/rtt/ptl.csv?census=${census}`, stack.current().gatewayUrl).toString();
  const exportLines = [
    '| PTL CSV export (through the gateway) | rows | MiB | seconds | rows/s | CPU s: care-pathway / gateway / PostgreSQL | gateway RSS MiB before → peak (¼ ½ ¾ end) | care-pathway RSS MiB before → peak (¼ ½ ¾ end) |',
    '|---|---:|---:|---:|---:|---|---|---|',
  ];
  for (let run = 1; run <= exportRuns; run += 1) {
    const result = await measurePtlExport(fileUrl, token, {
      gateway: pidOf('gateway'),
      carePathway: pidOf('care-pathway'),
      ...(postgres ? { postgres } : {}),
    });
    const memory = (name: string) => {
      const trace = result.rss[name]!;
      return `${trace.beforeMiB.toFixed(0)} → ${trace.peakMiB.toFixed(0)} (${trace.quartersMiB.map((m) => m.toFixed(0)).join(' ')})`;
    };
    exportLines.push(
      `| run ${run} | ${result.rows.toLocaleString('en-GB')} | ${(result.bytes / 1048576).toFixed(1)} | ${result.seconds.toFixed(2)} | ${Math.round(result.rows / result.seconds).toLocaleString('en-GB')} | ${['carePathway', 'gateway', 'postgres'].map((name) => result.cpuSeconds[name]?.toFixed(1) ?? '–').join(' / ')} | ${memory('gateway')} | ${memory('carePathway')} |`,
    );
  }
  console.log(`\n${exportLines.join('\n')}`);

  // The statements RttReportStore sends (data/rtt-report-store.ts), with this run's arguments.
  // Aggregates leave out nationally opted-out patients (platform's excludeNationalOptOuts), so their plan includes
  // it; the booking office's tracking list is direct care and keeps them (RttReportService.trackingListPurpose).
  const open = `p.organisation = $1 AND p.started_on <= $2::date
    AND (p.ended_on IS NULL OR (p.ended_on > $2::date AND p.end_reason NOT IN ('NULLIFIED', 'REFERRAL_REJECTED', 'REFERRAL_WITHDRAWN')))`;
  const optedOutLeftOut = `AND NOT EXISTS (SELECT 1 FROM access_control.patient_consent opt_out WHERE opt_out.patient_id = p.patient_id AND opt_out.national_opt_out)`;
  const trackingListSql = (columns: string, joins: string) =>
    `SELECT p.id, p.pathway_id, p.patient_id, p.specialty, r.priority, p.started_on, p.decision_to_admit_on <= $2::date ${columns}
     FROM care_pathway.rtt_period p JOIN care_pathway.pathway pw ON pw.id = p.pathway_id JOIN care_pathway.referral r ON r.id = pw.referral_id ${joins}
     WHERE ${open} ORDER BY p.started_on, p.id`;
  // The export runs with the sort memory its store sets (work_mem in data/tracking-list-export-store.ts).
  const statements: [string, string, unknown[], Record<string, string>?][] = [
    ['tracking list, first 100 rows', `${trackingListSql('', '')} LIMIT 101`, [organisation, census]],
    [
      'tracking list export, whole list with NHS numbers and next appointments (data/tracking-list-export-store.ts)',
      trackingListSql(
        ', id.nhs_number, na.starts_at',
        `LEFT JOIN patient.reporting_nhs_number id ON id.patient_id = p.patient_id
         LEFT JOIN scheduling.reporting_next_appointment na ON na.pathway_id = p.pathway_id`,
      ),
      [organisation, census],
      { work_mem: '192MB' },
    ],
    [
      '% within 18 weeks, whole trust',
      `SELECT p.specialty, LEAST(104, GREATEST(0, (($2::date - p.started_on) + 6) / 7 - 1)) AS band, count(*)::int,
              count(*) FILTER (WHERE p.decision_to_admit_on <= $2::date)::int
       FROM care_pathway.rtt_period p WHERE ${open} ${optedOutLeftOut} GROUP BY 1, 2`,
      [organisation, census],
    ],
  ];
  for (const [label, sql, params, settings] of statements) {
    console.log(`\nPlan — ${label}:\n${await explain(stack.database.url, sql, params, settings)}`);
  }
} finally {
  await stack.stop();
}

async function postgresPid(databaseUrl: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    const postmaster = await readPostmaster(rows[0]!.data_directory);
    return postmaster.kind === 'running' ? postmaster.pid : undefined;
  } finally {
    await client.end();
  }
}
