import { graphql } from './support/gateway-client.js';
import { staffAt, tokenOf } from './support/people.js';
import { receiveReferral } from './support/referrals.js';
import { sqlStatements } from './support/sql-counter.js';

/*
 * RTT reports through the gateway, as a reporting tool reads them. The pathways are built through the API for a
 * provider of their own, so the expected figures are exact whatever else the suite has written.
 */
const provider = 'RTTRPT';
const census = '2026-05-12';
const patients = ['5e1f0c3a-0000-4000-8000-000000000005', '5e1f0c3a-0000-4000-8000-000000000007', '5e1f0c3a-0000-4000-8000-000000000008'];

interface PlannedPathway {
  name: string;
  specialty: string;
  receivedOn: string;
  events: { rttStatus: string; occurredOn: string; admitted?: boolean; decisionToAdmit?: boolean; communicationEvidence?: string }[];
}

// At the census date 2026-05-12:
const planned: PlannedPathway[] = [
  { name: 'breached', specialty: 'Cardiology', receivedOn: '2026-01-05', events: [] }, // 127 days
  { name: 'exactly 18 weeks', specialty: 'Cardiology', receivedOn: '2026-01-06', events: [] }, // 126 days
  { name: 'new', specialty: 'Dermatology', receivedOn: '2026-05-05', events: [] }, // 7 days
  {
    name: 'treated in outpatients',
    specialty: 'Cardiology',
    receivedOn: '2026-02-01',
    events: [{ rttStatus: '30', occurredOn: '2026-03-01' }],
  },
  {
    name: 'nullified',
    specialty: 'Dermatology',
    receivedOn: '2026-04-01',
    events: [{ rttStatus: '33', occurredOn: '2026-04-20', communicationEvidence: 'Appointment letter sent 2026-04-06' }],
  },
  {
    name: 'admitted after census',
    specialty: 'Dermatology',
    receivedOn: '2026-03-02',
    events: [
      { rttStatus: '20', occurredOn: '2026-03-10', decisionToAdmit: true },
      { rttStatus: '30', occurredOn: '2026-05-20', admitted: true },
    ],
  }, // 71 days at the census, 79 when treated
];

const pathwayIds = new Map<string, string>();
let token: string;

beforeAll(async () => {
  // The referrals arrive from e-RS through the provider's interface engine; its own clinician records the RTT events.
  token = await tokenOf(await staffAt(provider, 'R8000'));
  for (const [index, p] of planned.entries()) {
    const body = await receiveReferral({
      patientId: patients[index % patients.length]!,
      receivingOrganisation: provider,
      specialty: p.specialty,
      priority: 'ROUTINE',
      reason: `Report fixture: ${p.name}`,
      receivedOn: p.receivedOn,
    });
    expect(body.errors).toBeUndefined();
    const pathwayId = body.data!.createReferral.pathway.id;
    pathwayIds.set(p.name, pathwayId);
    for (const event of p.events) {
      const recorded = await graphql(
        `
          mutation ($input: RecordRttEventInput!) {
            recordRttEvent(input: $input) {
              clockPhase
            }
          }
        `,
        {
          token,
          variables: { input: { pathwayId, ...event } },
        },
      );
      expect(recorded.body.errors).toBeUndefined();
    }
  }
  // Reports are read by the provider's booking office (its clerks hold `pathway.report` and may identify patients).
  token = await tokenOf(await staffAt(provider, 'R8010'));
});

const trackingList = `query ($organisation: String!, $censusDate: Date, $specialty: String, $first: Int, $after: String) {
  patientTrackingList(organisation: $organisation, censusDate: $censusDate, specialty: $specialty, first: $first, after: $after) {
    censusDate organisation endCursor hasNextPage
    entries {
      pathway { id clockPhase } patient { nhsNumber }
      specialty priority clockStartedOn daysWaited weeksWaited band { label } withinStandard breachDate decisionToAdmit
    }
  }
}`;

interface TrackingListPage {
  censusDate: string;
  endCursor: string | null;
  hasNextPage: boolean;
  entries: {
    pathway: { id: string };
    daysWaited: number;
    band: { label: string };
    withinStandard: boolean;
    breachDate: string;
    decisionToAdmit: boolean;
    clockStartedOn: string;
  }[];
}

async function readTrackingList(variables: Record<string, unknown>) {
  const { body } = await graphql<{ patientTrackingList: TrackingListPage }>(trackingList, { token, variables });
  expect(body.errors).toBeUndefined();
  return body.data!.patientTrackingList;
}

describe('patient tracking list', () => {
  test('open pathways at the census date, longest wait first, with weeks waited, band and breach date', async () => {
    const list = await readTrackingList({ organisation: provider, censusDate: census, first: 100 });
    expect(list.censusDate).toBe(census);
    expect(list.entries.map((e) => e.pathway.id)).toEqual(
      ['breached', 'exactly 18 weeks', 'admitted after census', 'new'].map((n) => pathwayIds.get(n)),
    );
    expect(list.entries.map((e) => [e.daysWaited, e.band.label, e.withinStandard])).toEqual([
      [127, '>18-19', false],
      [126, '>17-18', true],
      [71, '>10-11', true],
      [7, '0-1', true],
    ]);
    expect(list.entries[0]).toMatchObject({ clockStartedOn: '2026-01-05', breachDate: '2026-05-12', decisionToAdmit: false });
    expect(list.entries[2]).toMatchObject({ decisionToAdmit: true });
  });

  test('it is read a page at a time', async () => {
    const first = await readTrackingList({ organisation: provider, censusDate: census, first: 3 });
    expect(first.hasNextPage).toBe(true);
    const second = await readTrackingList({ organisation: provider, censusDate: census, first: 3, after: first.endCursor });
    expect(second.entries.map((e) => e.pathway.id)).toEqual([pathwayIds.get('new')]);
    expect(second.hasNextPage).toBe(false);
  });

  test('narrowed to one specialty', async () => {
    const list = await readTrackingList({ organisation: provider, censusDate: census, specialty: 'Dermatology', first: 100 });
    expect(list.entries.map((e) => e.pathway.id)).toEqual([pathwayIds.get('admitted after census'), pathwayIds.get('new')]);
  });

  test('the seeded RX1 list shows George McAllister past 18 weeks, with his NHS number from the patient subgraph', async () => {
    const { body } = await graphql<{ patientTrackingList: { entries: Record<string, unknown>[] } }>(trackingList, {
      token: await tokenOf('clerk'),
      variables: { organisation: 'RX1', censusDate: '2026-11-24', specialty: 'Trauma and Orthopaedics', first: 10 },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.patientTrackingList.entries).toEqual([
      expect.objectContaining({
        patient: { nhsNumber: '9990000220' },
        priority: 'URGENT',
        clockStartedOn: '2026-06-22',
        daysWaited: 155,
        weeksWaited: 22,
        band: { label: '>22-23' },
        withinStandard: false,
        breachDate: '2026-10-27',
        decisionToAdmit: true,
      }),
    ]);
  });

  test('a longer page costs the same number of SQL statements as a shorter one', async () => {
    const costOf = async (first: number) => {
      const before = { carePathway: await sqlStatements('care-pathway'), patient: await sqlStatements('patient') };
      const list = await readTrackingList({ organisation: provider, censusDate: census, first });
      return {
        size: list.entries.length,
        carePathway: (await sqlStatements('care-pathway')) - before.carePathway,
        patient: (await sqlStatements('patient')) - before.patient,
      };
    };
    const one = await costOf(1);
    const four = await costOf(4);
    expect([one.size, four.size]).toEqual([1, 4]);
    expect(four.carePathway).toBe(one.carePathway);
    expect(four.patient).toBe(one.patient);
  });
});

describe('% within 18 weeks', () => {
  test('by organisation and census date, with the specialty breakdown and weekly bands', async () => {
    const { body } = await graphql<{ rttPerformance: Record<string, unknown> }>(
      `
        query ($organisation: String!, $censusDate: Date!) {
          rttPerformance(organisation: $organisation, censusDate: $censusDate) {
            censusDate
            incompletePathways
            within18Weeks
            percentWithin18Weeks
            meetsStandard
            withDecisionToAdmit
            bySpecialty {
              specialty
              incompletePathways
              within18Weeks
              percentWithin18Weeks
            }
            bands {
              band {
                label
              }
              pathways
            }
          }
        }
      `,
      { token, variables: { organisation: provider, censusDate: census } },
    );
    expect(body.errors).toBeUndefined();
    // The nullified clock counts in neither numerator nor denominator (4.4.1.3); treated ones are complete.
    expect(body.data!.rttPerformance).toEqual({
      censusDate: census,
      incompletePathways: 4,
      within18Weeks: 3,
      percentWithin18Weeks: 75,
      meetsStandard: false,
      withDecisionToAdmit: 1,
      bySpecialty: [
        { specialty: 'Cardiology', incompletePathways: 2, within18Weeks: 1, percentWithin18Weeks: 50 },
        { specialty: 'Dermatology', incompletePathways: 2, within18Weeks: 2, percentWithin18Weeks: 100 },
      ],
      bands: [
        { band: { label: '0-1' }, pathways: 1 },
        { band: { label: '>10-11' }, pathways: 1 },
        { band: { label: '>17-18' }, pathways: 1 },
        { band: { label: '>18-19' }, pathways: 1 },
      ],
    });
  });

  test('for one specialty, and at another census date', async () => {
    const { body } = await graphql<{ cardiology: Record<string, unknown>; later: Record<string, unknown> }>(
      `
        query ($organisation: String!) {
          cardiology: rttPerformance(organisation: $organisation, censusDate: "2026-05-12", specialty: "Cardiology") {
            incompletePathways
            within18Weeks
            meetsStandard
          }
          later: rttPerformance(organisation: $organisation, censusDate: "2026-05-31") {
            incompletePathways
            within18Weeks
          }
        }
      `,
      { token, variables: { organisation: provider } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.cardiology).toEqual({ incompletePathways: 2, within18Weeks: 1, meetsStandard: false });
    // By 31 May the admitted pathway has stopped and both cardiology clocks are past 18 weeks.
    expect(body.data!.later).toEqual({ incompletePathways: 3, within18Weeks: 1 });
  });
});

describe('completed pathways and new clock starts', () => {
  test('completed pathways are split into admitted and non-admitted, by the month the clock stopped', async () => {
    const { body } = await graphql<{ may: Record<string, any>; march: Record<string, any> }>(
      `
        query ($organisation: String!) {
          may: rttCompletedPathways(organisation: $organisation, from: "2026-05-01", to: "2026-05-31") {
            admitted {
              pathways
              within18Weeks
              bands {
                band {
                  label
                }
                pathways
              }
            }
            nonAdmitted {
              pathways
            }
          }
          march: rttCompletedPathways(organisation: $organisation, from: "2026-03-01", to: "2026-03-31") {
            admitted {
              pathways
            }
            nonAdmitted {
              pathways
              within18Weeks
              bands {
                band {
                  label
                }
                pathways
              }
            }
          }
        }
      `,
      { token, variables: { organisation: provider } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.may).toEqual({
      admitted: { pathways: 1, within18Weeks: 1, bands: [{ band: { label: '>11-12' }, pathways: 1 }] },
      nonAdmitted: { pathways: 0 },
    });
    expect(body.data!.march).toEqual({
      admitted: { pathways: 0 },
      nonAdmitted: { pathways: 1, within18Weeks: 1, bands: [{ band: { label: '>3-4' }, pathways: 1 }] },
    });
  });

  test('new clock starts are counted by month and specialty; nullified clocks do not count', async () => {
    const { body } = await graphql<{ january: Record<string, unknown>; april: Record<string, unknown> }>(
      `
        query ($organisation: String!) {
          january: rttNewClockStarts(organisation: $organisation, from: "2026-01-01", to: "2026-01-31") {
            total
            bySpecialty {
              specialty
              pathways
            }
          }
          april: rttNewClockStarts(organisation: $organisation, from: "2026-04-01", to: "2026-04-30") {
            total
          }
        }
      `,
      { token, variables: { organisation: provider } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.january).toEqual({ total: 2, bySpecialty: [{ specialty: 'Cardiology', pathways: 2 }] });
    expect(body.data!.april).toEqual({ total: 0 });
  });

  test.each([
    [
      'a period that ends before it starts',
      `rttNewClockStarts(organisation: "RTTRPT", from: "2026-05-01", to: "2026-04-01") { total }`,
      'to',
    ],
    [
      'an organisation that is not an ODS code',
      `rttPerformance(organisation: "all of them", censusDate: "2026-05-12") { incompletePathways }`,
      'organisation',
    ],
    [
      'a census date that does not exist',
      `rttPerformance(organisation: "RTTRPT", censusDate: "2026-02-30") { incompletePathways }`,
      'censusDate',
    ],
  ])('%s is refused naming the argument', async (_label, field, argument) => {
    const { body } = await graphql(`{ ${field} }`, { token });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: argument });
  });
});

describe("reports answer for the caller's own organisation", () => {
  const reports = [
    `patientTrackingList(organisation: "RTTRPT", censusDate: "${census}") { entries { daysWaited } }`,
    `rttPerformance(organisation: "RTTRPT", censusDate: "${census}") { incompletePathways }`,
    `rttCompletedPathways(organisation: "RTTRPT", from: "2026-05-01", to: "2026-05-31") { admitted { pathways } }`,
    `rttNewClockStarts(organisation: "RTTRPT", from: "2026-01-01", to: "2026-05-31") { total }`,
  ];

  test.each(reports)("another organisation's clerk is refused: %s", async (report) => {
    const { body } = await graphql(`{ ${report} }`, { token: await tokenOf('clerk') });
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.errors?.[0]?.message).toMatch(/your own organisation \(RX1\)/);
  });

  test('without an organisation, a report is about your own', async () => {
    const { body } = await graphql<{ rttPerformance: { organisation: string; incompletePathways: number } }>(
      `{ rttPerformance(censusDate: "${census}") { organisation incompletePathways } }`,
      { token },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.rttPerformance).toEqual({ organisation: provider, incompletePathways: 4 });
  });

  test('a commissioner may report on any provider, and still sees waits, not people', async () => {
    const commissioner = await staffAt('QWO', 'ICB');
    const { body } = await graphql<{ rttPerformance: { incompletePathways: number }; patientTrackingList: { entries: unknown[] } }>(
      `{ rttPerformance(organisation: "RTTRPT", censusDate: "${census}") { incompletePathways }
         patientTrackingList(organisation: "RTTRPT", censusDate: "${census}", first: 1) { entries { daysWaited patient { id } pathway { id } } } }`,
      { token: await tokenOf(commissioner) },
    );
    expect(body.data!.rttPerformance.incompletePathways).toBe(4);
    expect(body.data!.patientTrackingList.entries).toEqual([{ daysWaited: 127, patient: null, pathway: null }]);
    expect(body.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });
});
