import { parse } from 'csv-parse/sync';
import { as, staffAt, tokenOf, type Person, type Staff } from './support/people.js';
import { stackState } from './support/stack-state.js';
import { receivedReferral } from './support/referrals.js';
import { withDatabase } from './support/security-log.js';

/*
 * The reporting files under /reports/rtt/ through the real gateway: who may have which file, what each role
 * sees in it, and that its figures are the GraphQL reports' figures. The pathways are built through the API for
 * a provider of their own, so the expected rows are exact whatever else the suite has written.
 */
const provider = 'RTTEXP';
const census = '2026-05-12';
const olivia = '5e1f0c3a-0000-4000-8000-000000000001';
const others = ['5e1f0c3a-0000-4000-8000-000000000005', '5e1f0c3a-0000-4000-8000-000000000007'];

interface Planned {
  name: string;
  patientId: string;
  specialty: string;
  receivedOn: string;
  events?: { rttStatus: string; occurredOn: string; admitted?: boolean; decisionToAdmit?: boolean }[];
}

// At the census date 2026-05-12 (Olivia Bennett will register a national data opt-out).
const planned: Planned[] = [
  { name: 'breached', patientId: others[0]!, specialty: 'Cardiology', receivedOn: '2026-01-05' }, // 127 days
  { name: 'opted out', patientId: olivia, specialty: 'Cardiology', receivedOn: '2026-01-06' }, // 126 days
  { name: 'formula', patientId: others[1]!, specialty: '=HYPERLINK("http://evil.example","x")', receivedOn: '2026-03-03' }, // 70 days
  {
    name: 'admitted after census',
    patientId: others[1]!,
    specialty: 'Dermatology',
    receivedOn: '2026-03-02',
    events: [
      { rttStatus: '20', occurredOn: '2026-03-10', decisionToAdmit: true },
      { rttStatus: '30', occurredOn: '2026-05-20', admitted: true },
    ],
  },
  {
    name: 'treated in outpatients',
    patientId: others[0]!,
    specialty: 'Urology',
    receivedOn: '2026-04-01',
    events: [{ rttStatus: '30', occurredOn: '2026-05-06' }],
  },
];

const pathwayIds = new Map<string, string>();
let clerk: Staff;
let analyst: Staff;

type Row = Record<string, string>;

async function download(who: Person | Staff | null, path: string) {
  const headers: Record<string, string> = {};
  if (who) headers.authorization = `Bearer ${await tokenOf(who)}`;
  const response = await fetch(new URL(path, stackState().gatewayUrl), { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function csv(who: Person | Staff, path: string): Promise<{ rows: Row[]; header: string[]; requestId: string }> {
  const file = await download(who, path);
  expect(file.status).toBe(200);
  expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
  const records: string[][] = parse(file.text, { skip_empty_lines: true });
  const [header = [], ...lines] = records;
  return {
    header,
    rows: lines.map((line) => Object.fromEntries(header.map((name, i) => [name, line[i]!]))),
    requestId: file.headers.get('x-request-id')!,
  };
}

async function setOptOut(nationalOptOut: boolean) {
  const body = await as('olivia', `mutation ($on: Boolean!) { updateMyConsent(choices: { nationalOptOut: $on }) { nationalOptOut } }`, {
    on: nationalOptOut,
  });
  expect(body.errors).toBeUndefined();
}

beforeAll(async () => {
  // The provider's own clinician records the RTT events; its interface engine receives the referrals.
  const providerClinician = await staffAt(provider, 'R8000');
  for (const p of planned) {
    const created = await receivedReferral({
      patientId: p.patientId,
      receivingOrganisation: provider,
      specialty: p.specialty,
      reason: `Export fixture: ${p.name}`,
      receivedOn: p.receivedOn,
    });
    const pathwayId = created.pathway.id;
    pathwayIds.set(p.name, pathwayId);
    for (const event of p.events ?? []) {
      const recorded = await as(
        providerClinician,
        `mutation ($input: RecordRttEventInput!) { recordRttEvent(input: $input) { clockPhase } }`,
        {
          input: { pathwayId, ...event },
        },
      );
      expect(recorded.errors).toBeUndefined();
    }
  }
  clerk = await staffAt(provider, 'R8010');
  analyst = await staffAt(provider, 'R1980');
  await setOptOut(true);
});

afterAll(async () => {
  await setOptOut(false);
});

const ptl = `/reports/rtt/ptl.csv?organisation=${provider}&census=${census}`;

describe('the patient tracking list as CSV', () => {
  test('the booking office gets every open pathway, longest wait first, with NHS numbers — opted-out patients too (direct care)', async () => {
    const { header, rows } = await csv(clerk, ptl);
    expect(header).toEqual([
      'pathway_id',
      'nhs_number',
      'specialty',
      'treatment_function_code',
      'priority',
      'clock_start',
      'days_waited',
      'weeks_waited',
      'weeks_band',
      'breach_date',
      'next_appointment',
      'decision_to_admit',
    ]);
    expect(rows.map((r) => r.pathway_id)).toEqual(
      ['breached', 'opted out', 'admitted after census', 'formula'].map((n) => pathwayIds.get(n)),
    );
    expect(rows[0]).toMatchObject({
      nhs_number: expect.stringMatching(/^999\d{7}$/),
      specialty: 'Cardiology',
      treatment_function_code: '320',
      priority: 'ROUTINE',
      clock_start: '2026-01-05',
      days_waited: '127',
      weeks_waited: '18',
      weeks_band: '>18-19',
      breach_date: '2026-05-12',
      next_appointment: '',
      decision_to_admit: 'false',
    });
    expect(rows[1]).toMatchObject({ nhs_number: '9990000018', days_waited: '126', weeks_band: '>17-18' });
    expect(rows[2]).toMatchObject({ specialty: 'Dermatology', days_waited: '71', decision_to_admit: 'true' });
    expect(rows[3]).toMatchObject({ treatment_function_code: '', days_waited: '70', decision_to_admit: 'false' });
  });

  test('it says the same as the GraphQL tracking list for the same census date', async () => {
    const { rows } = await csv(clerk, ptl);
    const list = await as<{ patientTrackingList: { entries: Record<string, any>[] } }>(
      clerk,
      `query ($organisation: String!, $censusDate: Date!) { patientTrackingList(organisation: $organisation, censusDate: $censusDate, first: 500) {
        entries { pathway { id } patient { nhsNumber } specialty clockStartedOn daysWaited band { label } breachDate decisionToAdmit } } }`,
      { organisation: provider, censusDate: census },
    );
    expect(list.errors).toBeUndefined();
    expect(
      rows.map((r) => [
        r.pathway_id,
        r.nhs_number,
        r.clock_start,
        Number(r.days_waited),
        r.weeks_band,
        r.breach_date,
        r.decision_to_admit === 'true',
      ]),
    ).toEqual(
      list.data!.patientTrackingList.entries.map((e) => [
        e.pathway.id,
        e.patient.nhsNumber,
        e.clockStartedOn,
        e.daysWaited,
        e.band.label,
        e.breachDate,
        e.decisionToAdmit,
      ]),
    );
  });

  test('a reporting analyst sees waits, not people: no NHS numbers or pathways, and opted-out patients left out', async () => {
    const { rows } = await csv(analyst, ptl);
    expect(rows.map((r) => [r.days_waited, r.pathway_id, r.nhs_number, r.next_appointment])).toEqual([
      ['127', '', '', ''],
      ['71', '', '', ''],
      ['70', '', '', ''],
    ]);
    const performance = await as<{ rttPerformance: { incompletePathways: number } }>(
      analyst,
      `{ rttPerformance(censusDate: "${census}") { incompletePathways } }`,
    );
    expect(rows).toHaveLength(performance.data!.rttPerformance.incompletePathways);
  });

  test('a cell that a spreadsheet would run as a formula is neutralised', async () => {
    const { rows, header } = await csv(clerk, ptl);
    const formula = rows.find((r) => r.pathway_id === pathwayIds.get('formula'))!;
    expect(formula.specialty).toBe(`'=HYPERLINK("http://evil.example","x")`);
    for (const cell of [...header, ...rows.flatMap((r) => Object.values(r))]) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  test('every patient listed is in the security log, recorded in batches under rtt.tracking-list.read', async () => {
    const { rows, requestId } = await csv(clerk, ptl);
    const log = await as<{ accessEvents: { edges: { node: Record<string, any> }[] } }>(
      'privacyOfficer',
      `query ($requestId: String!) { accessEvents(filter: { requestId: $requestId }, first: 50) {
        edges { node { subgraph action outcome userId organisation patient { id } category items basis { kind detail } } } } }`,
      { requestId },
    );
    const events = log.data!.accessEvents.edges.map((e) => e.node);
    const listing = events.filter((e) => e.category === 'ptl-export');
    expect(listing).toHaveLength(1);
    expect(listing[0]).toMatchObject({
      subgraph: 'care-pathway',
      action: 'rtt.tracking-list.read',
      outcome: 'ALLOWED',
      userId: clerk.userId,
    });
    expect(listing[0]!.basis.detail).toMatch(/PTL export of RTTEXP at 2026-05-12 \(pathway, NHS number, next appointment\)/);
    const listed = new Set((listing[0]!.items as string[]).map((item) => item.replace('Patient:', '')));
    expect(listed).toEqual(new Set([olivia, ...others]));
    expect(rows).toHaveLength(4);
    const end = events.find((e) => e.category === 'ptl-export-end');
    expect(end!.basis.detail).toMatch(/complete, 4 rows$/);
  });
});

describe('who may have which file', () => {
  const files = [
    ptl,
    `/reports/rtt/performance.csv?census=${census}`,
    `/reports/rtt/performance.svg?census=${census}`,
    '/reports/rtt/rtt-return.csv?month=2026-05',
  ];

  test.each(files)("another organisation's clerk is refused %s: 403 FORBIDDEN", async (path) => {
    const file = await download('clerk', path.includes('organisation') ? path : `${path}&organisation=${provider}`);
    expect(file.status).toBe(403);
    expect(JSON.parse(file.text).errors[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/own organisation \(RX1\)/),
    });
    // The refusal is in the security log too.
    const log = await as<{ accessEvents: { edges: { node: Record<string, any> }[] } }>(
      'privacyOfficer',
      `query ($requestId: String!) { accessEvents(filter: { requestId: $requestId }) { edges { node { action outcome basis { detail } } } } }`,
      { requestId: file.headers.get('x-request-id') },
    );
    expect(log.data!.accessEvents.edges.map((e) => e.node)).toEqual([
      { action: 'field.read', outcome: 'DENIED', basis: { detail: `other_organisation:${provider}` } },
    ]);
  });

  test.each(files)('without a session %s is 401 UNAUTHENTICATED', async (path) => {
    const file = await download(null, path);
    expect(file.status).toBe(401);
    expect(JSON.parse(file.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test('a clinician, whose role runs no reports, is refused', async () => {
    const file = await download('consultant', '/reports/rtt/ptl.csv?organisation=RX1');
    expect(file.status).toBe(403);
    expect(JSON.parse(file.text).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  test('a commissioner may have any provider’s files, and sees waits, not people', async () => {
    const commissioner = await staffAt('QWO', 'ICB');
    const { rows } = await csv(commissioner, ptl);
    expect(rows.map((r) => [r.days_waited, r.nhs_number, r.pathway_id])).toEqual([
      ['127', '', ''],
      ['71', '', ''],
      ['70', '', ''],
    ]);
  });

  test.each([
    ['/reports/rtt/ptl.csv?census=2026-02-30', 'census'],
    ['/reports/rtt/ptl.csv?censusDate=2026-05-12', 'censusDate'],
    ['/reports/rtt/ptl.csv?census=2026-05-12&census=2026-05-13', 'census'],
    ['/reports/rtt/ptl.csv?organisation=all%20of%20them', 'organisation'],
    [`/reports/rtt/performance.svg?organisation=${'X'.repeat(300)}`, 'organisation'],
    ['/reports/rtt/rtt-return.csv', 'month'],
    ['/reports/rtt/rtt-return.csv?month=2026-13', 'month'],
    ['/reports/rtt/rtt-return.csv?month=2999-01', 'month'],
  ])('%s is 400 BAD_USER_INPUT naming %s', async (path, parameter) => {
    const file = await download(clerk, path);
    expect(file.status).toBe(400);
    expect(JSON.parse(file.text).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: parameter });
  });
});

describe('performance as CSV and as a chart', () => {
  const performanceQuery = `query ($censusDate: Date!) { rttPerformance(censusDate: $censusDate) {
    organisation incompletePathways within18Weeks percentWithin18Weeks meetsStandard withDecisionToAdmit
    bySpecialty { specialty incompletePathways within18Weeks percentWithin18Weeks } bands { band { label } pathways } } }`;

  test('performance.csv holds rttPerformance’s numbers, the provider first, then each specialty, bands as columns', async () => {
    const graph = (await as<{ rttPerformance: Record<string, any> }>(analyst, performanceQuery, { censusDate: census })).data!
      .rttPerformance;
    const { rows, header } = await csv(analyst, `/reports/rtt/performance.csv?census=${census}`);
    expect(header.slice(0, 9)).toEqual([
      'organisation',
      'census_date',
      'specialty',
      'incomplete_pathways',
      'within_18_weeks',
      'percent_within_18_weeks',
      'meets_standard',
      'with_decision_to_admit',
      '0-1',
    ]);
    expect(header.at(-1)).toBe('>104');
    const [all, ...specialties] = rows;
    expect(all).toMatchObject({
      organisation: provider,
      census_date: census,
      specialty: 'All specialties',
      incomplete_pathways: String(graph.incompletePathways),
      within_18_weeks: String(graph.within18Weeks),
      percent_within_18_weeks: String(graph.percentWithin18Weeks),
      meets_standard: String(graph.meetsStandard),
      with_decision_to_admit: String(graph.withDecisionToAdmit),
    });
    for (const { band, pathways } of graph.bands) expect(all![band.label]).toBe(String(pathways));
    expect(specialties.map((r) => [r.specialty, Number(r.incomplete_pathways), Number(r.within_18_weeks)])).toEqual(
      graph.bySpecialty.map((s: Record<string, any>) => [
        s.specialty.startsWith('=') ? `'${s.specialty}` : s.specialty,
        s.incompletePathways,
        s.within18Weeks,
      ]),
    );
  });

  test('performance.svg draws the same numbers, with the 18-week line and the 92% standard, accessibly', async () => {
    const graph = (await as<{ rttPerformance: Record<string, any> }>(clerk, performanceQuery, { censusDate: census })).data!.rttPerformance;
    const file = await download(clerk, `/reports/rtt/performance.svg?census=${census}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(file.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const svg = file.text;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-labelledby="chart-title chart-desc"/);
    expect(svg).toContain(`data-incomplete-pathways="${graph.incompletePathways}"`);
    expect(svg).toContain(`data-within-18-weeks="${graph.within18Weeks}"`);
    expect(svg).toContain(`data-percent-within-18-weeks="${graph.percentWithin18Weeks}"`);
    expect(svg).toMatch(/<title id="chart-title">Open RTT pathways by weeks waited, RTTEXP, census date 2026-05-12<\/title>/);
    expect(svg).toContain(`${graph.percentWithin18Weeks}% within 18 weeks`);
    expect(svg).toContain('92% standard');
    expect(svg).toContain('18 weeks</text>');
    for (const { band, pathways } of graph.bands) {
      expect(svg).toContain(`data-band="${band.label.replace('>', '&gt;')}" data-pathways="${pathways}"`);
    }
    expect(svg).not.toMatch(/<script|href=|url\(/i);
  });
});

describe('the monthly RTT return', () => {
  test('by treatment function in the national layout, with the GraphQL reports’ totals for the month', async () => {
    const { header, rows } = await csv(clerk, '/reports/rtt/rtt-return.csv?month=2026-05');
    expect(header.slice(0, 7)).toEqual([
      'Period',
      'Provider Org Code',
      'RTT Part Type',
      'RTT Part Description',
      'Treatment Function Code',
      'Treatment Function Name',
      'Gt 00 To 01 Weeks SUM 1',
    ]);
    expect(header.slice(-4)).toEqual(['Gt 104 Weeks SUM 1', 'Total', 'Patients with unknown clock start date', 'Total All']);
    expect(header).toHaveLength(6 + 105 + 3);
    // Every part has a line for each of the 23 treatment functions of the form and its total.
    expect(rows).toHaveLength(5 * 24);
    const total = (part: string) => rows.find((r) => r['RTT Part Type'] === part && r['Treatment Function Code'] === 'C_999')!;
    const reports = await as<Record<string, any>>(
      clerk,
      `{ rttPerformance(censusDate: "2026-05-31") { incompletePathways withDecisionToAdmit }
         rttCompletedPathways(from: "2026-05-01", to: "2026-05-31") { admitted { pathways } nonAdmitted { pathways } }
         rttNewClockStarts(from: "2026-05-01", to: "2026-05-31") { total } }`,
    );
    expect(reports.errors).toBeUndefined();
    const { rttPerformance, rttCompletedPathways, rttNewClockStarts } = reports.data!;
    expect(Number(total('Part_1A')['Total All'])).toBe(rttCompletedPathways.admitted.pathways);
    expect(Number(total('Part_1B')['Total All'])).toBe(rttCompletedPathways.nonAdmitted.pathways);
    expect(Number(total('Part_2')['Total All'])).toBe(rttPerformance.incompletePathways);
    expect(Number(total('Part_2A')['Total All'])).toBe(rttPerformance.withDecisionToAdmit);
    expect(Number(total('Part_3')['Total All'])).toBe(rttNewClockStarts.total);
    expect(rows.every((r) => r.Period === 'RTT-May-2026' && r['Provider Org Code'] === provider)).toBe(true);
  });

  test('each pathway is counted on its treatment function’s line and in its weekly band', async () => {
    const { rows } = await csv(clerk, '/reports/rtt/rtt-return.csv?month=2026-05');
    const line = (part: string, code: string) => rows.find((r) => r['RTT Part Type'] === part && r['Treatment Function Code'] === code)!;
    // Admitted in May after 79 days (>11-12); Urology treated in outpatients after 35 days (>4-5).
    expect(line('Part_1A', 'C_330')).toMatchObject({
      'Treatment Function Name': 'Dermatology Service',
      'Gt 11 To 12 Weeks SUM 1': '1',
      Total: '1',
    });
    expect(line('Part_1B', 'C_101')).toMatchObject({ 'Gt 04 To 05 Weeks SUM 1': '1', Total: '1' });
    // On 31 May: two cardiology clocks past 18 weeks (the opted-out patient is not counted), the formula's one
    // under X06 (its specialty has no treatment function).
    expect(line('Part_2', 'C_320')).toMatchObject({ 'Gt 20 To 21 Weeks SUM 1': '1', Total: '1' });
    expect(line('Part_2', 'X06')).toMatchObject({ 'Gt 12 To 13 Weeks SUM 1': '1', Total: '1' });
    expect(line('Part_3', 'C_101')).toMatchObject({ 'Gt 00 To 01 Weeks SUM 1': '', Total: '', 'Total All': '0' });
  });
});

describe('a client that goes away mid-file', () => {
  const bigProvider = 'RTTBIG';

  beforeAll(async () => {
    await withDatabase(async (client) => {
      const { seedRttPathways } = await import('@epr/tools/bench/rtt-pathway-seed');
      // Some 112,000 open clocks, 12 MB of CSV: more than the sockets between the subgraph and the client hold, so
      // the file is still being written when the client goes away.
      await seedRttPathways(client, { pathways: 150_000, organisation: bigProvider, census: '2026-11-24' });
    });
  });

  test('stops the database cursor and frees its connection; the log says the export stopped early', async () => {
    const bigClerk = await staffAt(bigProvider, 'R8010');
    const token = await tokenOf(bigClerk);
    // The subgraph notices the closed connection at its next write; give it a moment, then the cursor is gone.
    const cursorsGone = async (): Promise<number> => {
      let running = -1;
      for (let wait = 0; wait < 50 && running !== 0; wait += 1) {
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, 200));
        running = await withDatabase(async (client) => {
          const { rows } = await client.query<{ running: number }>(
            `SELECT count(*)::int AS running FROM pg_stat_activity
              WHERE datname = current_database() AND query LIKE '%rtt_period p%' AND query NOT LIKE '%pg_stat_activity%' AND state <> 'idle'`,
          );
          return rows[0]!.running;
        });
      }
      return running;
    };
    // More times than exports may run at once: a leaked cursor would hold its slot and the last would be refused.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const aborted = new AbortController();
      const response = await fetch(new URL('/reports/rtt/ptl.csv?census=2026-11-24', stackState().gatewayUrl), {
        headers: { authorization: `Bearer ${token}` },
        signal: aborted.signal,
      });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      await reader.read();
      aborted.abort();
      await reader.cancel().catch(() => undefined);
      expect(await cursorsGone()).toBe(0);
    }

    const whole = await csv(bigClerk, '/reports/rtt/ptl.csv?census=2026-11-24');
    const performance = await as<{ rttPerformance: { incompletePathways: number } }>(
      bigClerk,
      `{ rttPerformance(censusDate: "2026-11-24") { incompletePathways } }`,
    );
    expect(whole.rows).toHaveLength(performance.data!.rttPerformance.incompletePathways);
    expect(whole.rows.length).toBeGreaterThan(100_000);

    const log = await as<{ accessEvents: { edges: { node: { category: string; basis: { detail: string } } }[] } }>(
      'privacyOfficer',
      `query ($userId: String!) { accessEvents(filter: { userId: $userId }, first: 200) { edges { node { category basis { detail } } } } }`,
      { userId: bigClerk.userId },
    );
    const ends = log
      .data!.accessEvents.edges.map((e) => e.node)
      .filter((e) => e.category === 'ptl-export-end')
      .map((e) => e.basis.detail);
    expect(ends.filter((detail) => /stopped early/.test(detail))).toHaveLength(3);
    expect(ends.filter((detail) => detail.endsWith(`complete, ${whole.rows.length} rows`))).toHaveLength(1);
  });
});
