import type { Context as CarePathwayContext } from '@epr/subgraph-care-pathway/context';
import { demoPatients, people } from '../support/people.js';
import { inProcessFederation, type GraphQLAnswer } from './support/federation.js';

// Each service class of each subgraph, through the in-process gateway (or, for the export no field reaches,
// through the subgraph's request context): what it answers the demo people, and what it records.

const federation = inProcessFederation();

const olivia = demoPatients.olivia;
const pathwayId = 'ba7e0000-0000-4000-8000-000000000001';
const today = new Date().toISOString().slice(0, 10);

function ok<T>(answer: GraphQLAnswer<T>): T {
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

const recorded = (answer: { requestId: string }) =>
  federation()
    .audit.ofRequest(answer.requestId)
    .map((event) => `${event.subgraph} ${event.action} ${event.outcome}`);

describe('patient subgraph', () => {
  test('PatientService: search and read, each patient decided and recorded', async () => {
    const answer = await federation().as(
      'gp',
      `{ searchPatients(criteria: { familyName: "Bennett" }) { edges { node { id nhsNumber } } } }`,
    );
    expect(ok(answer)['searchPatients'].edges.map((e: { node: { id: string } }) => e.node.id)).toContain(olivia.id);
    expect(recorded(answer)).toContain('patient patient.search ALLOWED');
  });

  test('ClinicalRecordService: a problem recorded by a clinician with a relationship is in the record', async () => {
    const added = await federation().as(
      'gp',
      `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id code { term } } }`,
      {
        input: { patientId: olivia.id, code: { conceptId: '38341003', term: 'Hypertensive disorder' }, status: 'ACTIVE' },
      },
    );
    const problem = ok(added)['recordProblem'];
    expect(recorded(added)).toContain('patient problem.create ALLOWED');
    const read = await federation().as('gp', `query ($id: ID!) { patient(id: $id) { problems { id } } }`, { id: olivia.id });
    expect(ok(read)['patient'].problems.map((p: { id: string }) => p.id)).toContain(problem.id);
  });

  test('DirectoryService: who the caller is, in the role they selected', async () => {
    const answer = await federation().as('consultant', `{ me { displayName roleProfile { id jobRoleCode organisation { odsCode } } } }`);
    expect(ok(answer)['me']).toMatchObject({
      displayName: 'Dr Amelia Hart',
      roleProfile: { id: people.consultant.roleProfileId, jobRoleCode: 'R8000', organisation: { odsCode: 'RX1' } },
    });
  });

  test('SessionService: signing out revokes the session the request belongs to', async () => {
    const caller = await federation().callerOf('nurse');
    const answer = await federation().as(caller, `mutation { signOut { sessionId revokedAt } }`);
    expect(ok(answer)['signOut'].sessionId).toBe(caller.sessionId);
  });

  test('AccessService: a self-claimed relationship opens the record, and is recorded', async () => {
    const thomas = demoPatients.thomas.id;
    const record = `query ($id: ID!) { patient(id: $id) { problems { id } } }`;
    const before = await federation().as('consultant', record, { id: thomas });
    expect(before.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    const claim = await federation().as(
      'consultant',
      `mutation ($id: ID!) { claimLegitimateRelationship(patientId: $id, reasonCode: "LR01") { type } }`,
      {
        id: thomas,
      },
    );
    expect(ok(claim)['claimLegitimateRelationship']).toEqual({ type: 'SELF_CLAIM' });
    expect(ok(await federation().as('consultant', record, { id: thomas }))['patient'].problems).toEqual(expect.any(Array));
  });

  test('AdmissionService: the interface engine admits a patient', async () => {
    const answer = await federation().as(
      'engine',
      `mutation ($input: AdmitPatientInput!) { admitPatient(input: $input) { ward admittedAt dischargedAt } }`,
      { input: { patientId: demoPatients.william.id, ward: 'AMU', admittedAt: new Date(Date.now() - 3_600_000).toISOString() } },
    );
    expect(ok(answer)['admitPatient']).toMatchObject({ ward: 'AMU', dischargedAt: null });
  });

  test('DataQualityService: the duplicate worklist is for those who keep the index, not for clinicians', async () => {
    const query = `{ duplicateCandidates(first: 5) { edges { node { id } } } }`;
    expect(ok(await federation().as('clerk', query))['duplicateCandidates'].edges).toEqual(expect.any(Array));
    expect((await federation().as('analyst', query)).errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
  });
});

describe('care-pathway subgraph', () => {
  test('ReferralService and PathwayService: a referral, its pathway and its timeline', async () => {
    const answer = await federation().as(
      'consultant',
      `query ($id: ID!) { pathway(id: $id) { id referral { specialty } timeline(first: 5) { entries { kind } hasNextPage } } }`,
      { id: pathwayId },
    );
    const pathway = ok(answer)['pathway'];
    expect(pathway.referral.specialty).toEqual(expect.any(String));
    expect(pathway.timeline.entries.length).toBeGreaterThan(0);
    expect(recorded(answer)).toEqual(expect.arrayContaining(['care-pathway pathway.read ALLOWED']));
  });

  test('AssessmentService and PathwayDocumentService: the clinical parts of a pathway, for a clinician', async () => {
    const answer = await federation().as('consultant', `query ($id: ID!) { pathway(id: $id) { assessments { id } documents { id } } }`, {
      id: pathwayId,
    });
    expect(ok(answer)['pathway']).toEqual({ assessments: expect.any(Array), documents: expect.any(Array) });
  });

  test('RttReportService: the provider’s RTT performance, for its own analyst', async () => {
    const answer = await federation().as(
      'analyst',
      `query ($d: Date!) { rttPerformance(censusDate: $d) { incompletePathways within18Weeks } }`,
      {
        d: today,
      },
    );
    expect(ok(answer)['rttPerformance'].incompletePathways).toBeGreaterThan(0);
  });

  test('TrackingListExport: the whole list in batches, each recorded before it is handed out', async () => {
    const caller = await federation().callerOf('analyst');
    const context = federation().contextOf<CarePathwayContext>('care-pathway', caller);
    const { batches } = await context.reports.exportTrackingList({});
    let rows = 0;
    for await (const batch of batches) rows += batch.length;
    expect(rows).toBeGreaterThan(0);
    expect(recorded({ requestId: caller.requestId }).some((event) => event.startsWith('care-pathway '))).toBe(true);
  });
});

describe('scheduling subgraph', () => {
  test('ClinicCatalogue and AppointmentService: the clinics of a trust and a page of its clinic list', async () => {
    const clinics = ok(await federation().as('clerk', `{ clinics(organisation: "RX1") { id name } }`))['clinics'];
    expect(clinics.length).toBeGreaterThan(0);
    const list = await federation().as(
      'clerk',
      `{ clinicList(organisation: "RX1", from: "2026-01-01T00:00:00Z", to: "2028-01-01T00:00:00Z", first: 2) { edges { node { id } } pageInfo { hasNextPage } } }`,
    );
    expect(ok(list)['clinicList'].edges).toHaveLength(2);
  });

  test('BookingService and ClinicAdministration: a clinic set up; a free slot booked, and the booking recorded', async () => {
    const clinic = ok(
      await federation().as('clerk', `mutation ($input: CreateClinicInput!) { createClinic(input: $input) { id } }`, {
        input: { name: 'In-process clinic', service: 'Cardiology', teamCode: 'CARDIO-RX1', location: 'Room 1' },
      }),
    )['createClinic'];
    expect(clinic.id).toEqual(expect.any(String));
    const slots = ok(
      await federation().as(
        'clerk',
        `query ($from: DateTime!, $to: DateTime!) { freeSlots(service: "Cardiology", organisation: "RX1", from: $from, to: $to, first: 1) { id } }`,
        { from: new Date().toISOString(), to: new Date(Date.now() + 300 * 86_400_000).toISOString() },
      ),
    )['freeSlots'];
    expect(slots.length).toBe(1);
    const booked = await federation().as(
      'clerk',
      `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { status } }`,
      {
        input: { patientId: olivia.id, slotId: slots[0].id },
      },
    );
    expect(ok(booked)['bookAppointment']).toEqual({ status: 'BOOKED' });
    expect(recorded(booked)).toContain('scheduling appointment.book ALLOWED');
  });
});

describe('audit subgraph', () => {
  test('SecurityLogService and AlertService: the privacy officer’s views (this log records in memory, so they are empty)', async () => {
    const answer = await federation().as(
      'privacyOfficer',
      `{ accessEvents(first: 5) { edges { node { id } } } accessAlerts(first: 5) { edges { node { id } } } }`,
    );
    expect(ok(answer)).toEqual({ accessEvents: { edges: [] }, accessAlerts: { edges: [] } });
    expect((await federation().as('clerk', `{ accessAlerts(first: 5) { edges { node { id } } } }`)).errors?.[0]?.extensions?.['code']).toBe(
      'FORBIDDEN',
    );
  });
});
