import { graphql, type GraphQLResponse } from './support/gateway-client.js';
import { as, demoPatients, people, type Person, type Staff, staffAt, tokenOf } from './support/people.js';
import { sql } from './support/stack-database.js';

/*
 * The access-control matrix through the real gateway: roles × relationship states (none, active, expired,
 * self-claimed, emergency) × seal levels × consent, on single reads, lists, `_entities`, search and reports.
 * The patient under test is registered by a GP practice, so only that practice starts with a relationship.
 */
const practiceTeam = 'ca7e7ea0-0000-4000-8000-000000000006';
const oliviaBennett = demoPatients.olivia.id;

type Response<T> = GraphQLResponse<T>['body'];

function codesAt(response: Response<unknown>, path: string): unknown[] {
  return (response.errors ?? []).filter((e) => (e.path ?? []).join('.') === path).map((e) => e.extensions?.['code']);
}

const record = `query ($id: ID!, $justification: String) {
  patient(id: $id) {
    id
    name { family }
    problems(sealOverrideJustification: $justification) { code { term } sealLevel }
    sealedItems { kind sealLevel }
  }
}`;

type RecordView = {
  patient: {
    id: string;
    name: { family: string };
    problems: { code: { term: string }; sealLevel: string }[] | null;
    sealedItems: { kind: string; sealLevel: string }[] | null;
  } | null;
};

const terms = (view: Response<RecordView>) => view.data?.patient?.problems?.map((p) => p.code.term).sort();

let patientId: string;

beforeAll(async () => {
  const registered = await as<{ registerPatient: { id: string } }>(
    'reception',
    `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`,
    { input: { givenName: 'Morwenna', familyName: 'Matrixon', birthDate: '1961-02-14', registeredGpPractice: 'A81001' } },
  );
  expect(registered.errors).toBeUndefined();
  patientId = registered.data!.registerPatient.id;
  const recordProblem = `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`;
  for (const [conceptId, term, sealLevel] of [
    ['38341003', 'Hypertensive disorder', 'NONE'],
    ['35489007', 'Depressive disorder', 'SEALED'],
    ['195967001', 'Asthma', 'SEALED_AND_LOCKED'],
  ] as const) {
    const written = await as('gp', recordProblem, {
      input: { patientId, code: { conceptId, term }, sealLevel, authoringTeamId: practiceTeam },
    });
    expect(written.errors).toBeUndefined();
  }
});

describe('relationship states × seals (a clinician at another organisation)', () => {
  test('the authoring practice sees everything, sealed and locked included', async () => {
    const view = await as<RecordView>('gp', record, { id: patientId });
    expect(view.errors).toBeUndefined();
    expect(terms(view)).toEqual(['Asthma', 'Depressive disorder', 'Hypertensive disorder']);
    expect(view.data!.patient!.sealedItems).toEqual([]);
  });

  test('no relationship: the patient is found, the clinical record is refused with a way forward', async () => {
    const view = await as<RecordView>('consultant', record, { id: patientId });
    expect(view.data!.patient!.name.family).toBe('Matrixon');
    expect(view.data!.patient!.problems).toBeNull();
    expect(codesAt(view, 'patient.problems')).toEqual(['FORBIDDEN']);
    expect(view.errors!.find((e) => e.path?.join('.') === 'patient.problems')!.message).toMatch(
      /legitimate relationship.*emergency access/,
    );
  });

  test('self-claimed: open items shown, the sealed one as a placeholder, the locked one not at all', async () => {
    const claim = await as(
      'consultant',
      `mutation ($id: ID!) { claimLegitimateRelationship(patientId: $id, reasonCode: "LR01") { type holderUserId expiresAt } }`,
      { id: patientId },
    );
    expect(claim.errors).toBeUndefined();
    expect(claim.data!['claimLegitimateRelationship']).toMatchObject({
      type: 'SELF_CLAIM',
      holderUserId: people.consultant.userId,
      expiresAt: expect.any(String),
    });
    const view = await as<RecordView>('consultant', record, { id: patientId });
    expect(view.errors).toBeUndefined();
    expect(terms(view)).toEqual(['Hypertensive disorder']);
    expect(view.data!.patient!.sealedItems).toEqual([{ kind: 'PROBLEM', sealLevel: 'SEALED' }]);
    expect(JSON.stringify(view)).not.toMatch(/Depressive|Asthma|SEALED_AND_LOCKED/);
  });

  test('an unknown access reason is refused naming the field, and grants nothing', async () => {
    const claim = await as('nurse', `mutation ($id: ID!) { claimLegitimateRelationship(patientId: $id, reasonCode: "because") { type } }`, {
      id: patientId,
    });
    expect(claim.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reasonCode' });
    expect(codesAt(await as<RecordView>('nurse', record, { id: patientId }), 'patient.problems')).toEqual(['FORBIDDEN']);
  });

  test('expired: the same clinician is refused again once the relationship lapses', async () => {
    await sql(
      `UPDATE access_control.legitimate_relationship SET expires_at = now() - interval '1 minute'
        WHERE patient_id = $1 AND holder_kind = 'USER' AND holder_id = 'dr.amelia.hart'`,
      [patientId],
    );
    expect(codesAt(await as<RecordView>('consultant', record, { id: patientId }), 'patient.problems')).toEqual(['FORBIDDEN']);
  });

  test('emergency access: a reason is required; then open items and placeholders, never the locked item', async () => {
    const tooShort = await as('nurse', `mutation ($id: ID!) { emergencyAccess(patientId: $id, reason: "now") { expiresAt } }`, {
      id: patientId,
    });
    expect(tooShort.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const glass = await as(
      'nurse',
      `mutation ($id: ID!) { emergencyAccess(patientId: $id, reason: "Collapsed in ED, unresponsive") { reason expiresAt } }`,
      {
        id: patientId,
      },
    );
    expect(glass.data!['emergencyAccess']).toMatchObject({ reason: 'Collapsed in ED, unresponsive', expiresAt: expect.any(String) });
    const view = await as<RecordView>('nurse', record, { id: patientId });
    expect(terms(view)).toEqual(['Hypertensive disorder']);
    expect(view.data!.patient!.sealedItems).toEqual([{ kind: 'PROBLEM', sealLevel: 'SEALED' }]);
  });

  test('a colleague grant, then a justified seal override opens the sealed item — never the locked one', async () => {
    const grant = await as(
      'gp',
      `mutation ($id: ID!) { grantLegitimateRelationship(patientId: $id, colleagueUserId: "cg.helen.ward", reasonCode: "LR05") { type holderUserId } }`,
      {
        id: patientId,
      },
    );
    expect(grant.data!['grantLegitimateRelationship']).toEqual({ type: 'COLLEAGUE_GRANT', holderUserId: people.caldicott.userId });
    expect(terms(await as<RecordView>('caldicott', record, { id: patientId }))).toEqual(['Hypertensive disorder']);
    const opened = await as<RecordView>('caldicott', record, {
      id: patientId,
      justification: 'Safeguarding review requested by the court',
    });
    expect(terms(opened)).toEqual(['Depressive disorder', 'Hypertensive disorder']);
    // A justification from a role without the override opens nothing.
    const lee = await as(
      'gp',
      `mutation ($id: ID!) { grantLegitimateRelationship(patientId: $id, colleagueUserId: "dr.amelia.hart", reasonCode: "LR05") { type } }`,
      { id: patientId },
    );
    expect(lee.errors).toBeUndefined();
    expect(terms(await as<RecordView>('consultant', record, { id: patientId, justification: 'I would like to see it' }))).toEqual([
      'Hypertensive disorder',
    ]);
  });

  test('a clinician without access cannot grant access to others', async () => {
    const grant = await as(
      'nurse',
      `mutation ($id: ID!) { grantLegitimateRelationship(patientId: $id, colleagueUserId: "clerk.chloe.reid", reasonCode: "LR04") { type } }`,
      {
        id: patientId,
      },
    );
    expect(grant.errors![0]!.extensions!['code']).toBe('FORBIDDEN');
  });
});

describe('roles: no clinical content by any path for the booking clerk and the privacy officer', () => {
  const paths: [string, string, string][] = [
    ['a single read', `query ($id: ID!) { patient(id: $id) { name { family } problems { id } sealedItems { id } } }`, 'patient.problems'],
    [
      'search',
      `{ searchPatients(criteria: { familyName: "Matrixon" }) { edges { node { name { family } problems { id } } } } }`,
      'searchPatients.edges.0.node.problems',
    ],
    [
      'a clinic list (federation _entities)',
      `{ clinicList(organisation: "RX1", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { edges { node { patient { allergies { id } } } } } }`,
      'clinicList.edges.0.node.patient.allergies',
    ],
  ];
  test.each(paths)('booking clerk, %s', async (_label, query, path) => {
    const response = await as('clerk', query, { id: patientId });
    expect(codesAt(response, path)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(response.data)).not.toMatch(/Hypertensive|Depressive|Asthma/);
  });

  test('each decision of a request is in the security log, the refused ones too', async () => {
    const { userId: user } = people.clerk;
    const response = await graphql(
      `
        query ($id: ID!) {
          patient(id: $id) {
            name {
              family
            }
            problems {
              id
            }
          }
        }
      `,
      {
        token: await tokenOf('clerk'),
        variables: { id: patientId },
      },
    );
    const requestId = response.headers.get('x-request-id')!;
    const trail = await as<{ accessEvents: { edges: { node: Record<string, unknown> }[] } }>(
      'privacyOfficer',
      `query ($requestId: String!) { accessEvents(filter: { requestId: $requestId }) { edges { node { subgraph action outcome userId items patient { id } } } } }`,
      { requestId },
    );
    const events = trail.data!.accessEvents.edges.map((e) => e.node);
    expect(events).toHaveLength(2);
    expect(events).toEqual(
      expect.arrayContaining([
        { subgraph: 'patient', action: 'patient.read', outcome: 'ALLOWED', userId: user, items: [], patient: { id: patientId } },
        {
          subgraph: 'patient',
          action: 'field.read',
          outcome: 'DENIED',
          userId: user,
          items: ['Patient.problems'],
          patient: { id: patientId },
        },
      ]),
    );
  });

  test('the booking clerk still sees demographics and appointments', async () => {
    const response = await as('clerk', `query ($id: ID!) { patient(id: $id) { name { family } appointments { id } } }`, { id: patientId });
    expect(response.errors).toBeUndefined();
    expect(response.data!['patient']).toEqual({ name: { family: 'Matrixon' }, appointments: [] });
  });

  test('the privacy officer sees the trail and the alerts, not the record', async () => {
    const clinical = await as('privacyOfficer', `query ($id: ID!) { patient(id: $id) { problems { id } } }`, { id: patientId });
    expect(codesAt(clinical, 'patient.problems')).toEqual(['FORBIDDEN']);
    const trail = await as<{
      accessEvents: {
        edges: { node: { action: string; outcome: string; userId: string; basis: { kind: string; detail: string | null } | null } }[];
      };
    }>(
      'privacyOfficer',
      `query ($id: ID!) { accessEvents(filter: { patientId: $id }, first: 200) { edges { node { action outcome userId basis { kind detail } } } } }`,
      { id: patientId },
    );
    expect(trail.errors).toBeUndefined();
    const events = trail.data!.accessEvents.edges.map((e) => e.node);
    expect(events).toContainEqual({
      action: 'clinical.read',
      outcome: 'DENIED',
      userId: people.consultant.userId,
      basis: { kind: 'DECISION', detail: 'no_relationship' },
    });
    expect(events).toContainEqual(
      expect.objectContaining({
        action: 'relationship.self_claim',
        userId: people.consultant.userId,
        basis: { kind: 'SELF_CLAIM', detail: 'LR01' },
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        action: 'emergency.access',
        userId: people.nurse.userId,
        basis: { kind: 'EMERGENCY', detail: 'Collapsed in ED, unresponsive' },
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        action: 'seal.override',
        userId: people.caldicott.userId,
        basis: { kind: 'SEAL_OVERRIDE', detail: 'Safeguarding review requested by the court' },
      }),
    );
    const alerts = await as<{ accessAlerts: { edges: { node: { kind: string; event: { userId: string } } }[] } }>(
      'privacyOfficer',
      `{ accessAlerts(status: [OPEN], first: 200) { edges { node { kind event { userId patient { id } } } } } }`,
    );
    const kinds = alerts.data!.accessAlerts.edges.map((e) => `${e.node.kind}:${e.node.event.userId}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'SELF_CLAIMED_RELATIONSHIP:dr.amelia.hart',
        'EMERGENCY_ACCESS:nurse.ben.okafor',
        'SEAL_OVERRIDE:cg.helen.ward',
      ]),
    );
  });

  test('clinicians cannot read the security log', async () => {
    expect(codesAt(await as('consultant', `{ accessAlerts { edges { node { id } } } }`), 'accessAlerts')).toEqual(['FORBIDDEN']);
  });
});

describe('the security log never tells of a sealed-and-locked item outside its authoring team', () => {
  const trailOf = `query ($id: ID!) { accessEvents(filter: { patientId: $id }, first: 200) { edges { node { action outcome items basis { kind detail } } } fhirBundle } }`;

  async function lockedItemId(): Promise<string> {
    const view = await as<{ patient: { problems: { id: string; sealLevel: string }[] } }>(
      'gp',
      `query ($id: ID!) { patient(id: $id) { problems { id sealLevel } } }`,
      { id: patientId },
    );
    return view.data!.patient.problems.find((p) => p.sealLevel === 'SEALED_AND_LOCKED')!.id;
  }

  test('a clinician reading the list is recorded, but privacy officers elsewhere see no trace of the locked item', async () => {
    const locked = await lockedItemId();
    // Hide it from someone with access to the rest of the record: a nurse under emergency access.
    const emergency = await as(
      'nurse',
      `mutation ($id: ID!) { emergencyAccess(patientId: $id, reason: "Safeguarding concern raised today") { expiresAt } }`,
      {
        id: patientId,
      },
    );
    expect(emergency.errors).toBeUndefined();
    const read = await as<RecordView>('nurse', record, { id: patientId });
    expect(terms(read)).not.toContain('Asthma');

    const trail = await as('privacyOfficer', trailOf, { id: patientId });
    expect(trail.errors).toBeUndefined();
    const events = trail.data!['accessEvents'].edges.map((e: { node: { items: string[]; basis: { detail: string } | null } }) => e.node);
    expect(events.filter((e: { items: string[] }) => e.items.some((item: string) => item.includes(locked)))).toEqual([]);
    expect(events.filter((e: { basis: { detail: string } | null }) => e.basis?.detail === 'sealed_and_locked')).toEqual([]);
    expect(JSON.stringify(trail.data!['accessEvents'].fhirBundle)).not.toContain(locked);
    // The read itself is there, for the items that were shown.
    expect(events.map((e: { action?: string }) => e.action)).toContain('problem.read');
  });

  test('a privacy officer of the authoring team sees the rows naming it, the refusals included', async () => {
    const locked = await lockedItemId();
    const teamOfficer = await staffAt('A81001', 'R0001', { teams: ['PRACTICE-A81001'] });
    const trail = await as<{ accessEvents: { edges: { node: { outcome: string; items: string[]; basis: { kind: string } } }[] } }>(
      teamOfficer,
      trailOf,
      { id: patientId },
    );
    expect(trail.errors).toBeUndefined();
    const events = trail.data!.accessEvents.edges.map((e) => e.node);
    const naming = events.filter((n) => n.items.includes(`PROBLEM:${locked}`));
    // The team sees its own recording and reading of the item, and the nurse being refused it.
    expect(naming.map((n) => `${n.outcome} ${n.basis?.kind}`)).toEqual(expect.arrayContaining(['ALLOWED RELATIONSHIP', 'DENIED DECISION']));
  });
});

describe('the patient in the portal: her own record only', () => {
  test('her own record, with who accessed it', async () => {
    const own = await as(
      'olivia',
      `query ($id: ID!) { patient(id: $id) { name { family } referrals { specialty } accessLog(first: 3) { edges { node { role } } } } }`,
      {
        id: oliviaBennett,
      },
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!['patient'].name.family).toBe('Bennett');
  });

  test('another patient does not exist for her: not by id, not in search, not in a clinic list', async () => {
    const other = await as('olivia', record, { id: patientId });
    expect(other.errors).toBeUndefined();
    expect(other.data!['patient']).toBeNull();
    const search = await as<{ searchPatients: { edges: unknown[] } }>(
      'olivia',
      `{ searchPatients(criteria: { familyName: "Matrixon" }) { edges { node { id } } } }`,
    );
    expect(search.data!.searchPatients.edges).toEqual([]);
    // Each page is cut before the policy decides, so hers are spread over the pages of everyone's: read them all.
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const clinicList: Awaited<ReturnType<typeof as<ClinicListPage>>> = await as<ClinicListPage>(
        'olivia',
        `query ($after: String) {
          clinicList(organisation: "RX1", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", first: 500, after: $after) {
            edges { node { patient { id } } }
            pageInfo { hasNextPage endCursor }
          }
        }`,
        { after },
      );
      expect(clinicList.errors).toBeUndefined();
      seen.push(...clinicList.data!.clinicList.edges.map((edge) => edge.node.patient.id));
      if (!clinicList.data!.clinicList.pageInfo.hasNextPage) break;
      after = clinicList.data!.clinicList.pageInfo.endCursor;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((id) => id === oliviaBennett)).toBe(true);
  });

  test('she cannot search the security log', async () => {
    expect(codesAt(await as('olivia', `{ accessEvents { edges { node { id } } } }`), 'accessEvents')).toEqual(['FORBIDDEN']);
  });
});

type ClinicListPage = {
  clinicList: { edges: { node: { patient: { id: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};

describe('consent', () => {
  let optOutAnalyst: Staff;
  beforeAll(async () => {
    optOutAnalyst = await staffAt('OPTOUT', 'R1980');
  });

  test('do-not-share hides items recorded elsewhere from other organisations, not from their authors', async () => {
    const written = await as<{ recordProblem: { id: string } }>(
      'gp',
      `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`,
      {
        input: { patientId: oliviaBennett, code: { conceptId: '73211009', term: 'Diabetes mellitus' } },
      },
    );
    expect(written.errors).toBeUndefined();
    const seenByConsultant = async () => terms(await as<RecordView>('consultant', record, { id: oliviaBennett })) ?? [];
    expect(await seenByConsultant()).toContain('Diabetes mellitus');
    const set = await as('olivia', `mutation { updateMyConsent(choices: { doNotShare: true }) { doNotShare nationalOptOut } }`);
    expect(set.data).toEqual({ updateMyConsent: { doNotShare: true, nationalOptOut: false } });
    try {
      expect(await seenByConsultant()).not.toContain('Diabetes mellitus');
      expect(terms(await as<RecordView>('gp', record, { id: oliviaBennett }))).toContain('Diabetes mellitus');
    } finally {
      await as('olivia', `mutation { updateMyConsent(choices: { doNotShare: false }) { doNotShare } }`);
    }
    expect(await seenByConsultant()).toContain('Diabetes mellitus');
  });

  test('an item she nominates is seen only by the named staff and its author; an empty list lifts it', async () => {
    const written = await as<{ recordProblem: { id: string } }>(
      'gp',
      `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`,
      {
        input: { patientId: oliviaBennett, code: { conceptId: '195967001', term: 'Asthma' } },
      },
    );
    const itemId = written.data!.recordProblem.id;
    const sees = async (who: Person | Staff) => (terms(await as<RecordView>(who, record, { id: oliviaBennett })) ?? []).includes('Asthma');
    expect(await sees('consultant')).toBe(true);
    const nominate = `mutation ($itemId: ID!, $userIds: [ID!]!) { nominateItemViewers(kind: PROBLEM, itemId: $itemId, userIds: $userIds) }`;
    const named = await as('olivia', nominate, { itemId, userIds: [people.nurse.userId] });
    expect(named.data).toEqual({ nominateItemViewers: [people.nurse.userId] });
    try {
      expect(await sees('consultant')).toBe(false);
      expect(await sees('nurse')).toBe(true);
      expect(await sees('gp')).toBe(true);
    } finally {
      await as('olivia', nominate, { itemId, userIds: [] });
    }
    expect(await sees('consultant')).toBe(true);
  });

  test('she can only nominate for her own items, and only people in the directory', async () => {
    const nominate = `mutation ($itemId: ID!, $userIds: [ID!]!) { nominateItemViewers(kind: PROBLEM, itemId: $itemId, userIds: $userIds) }`;
    const notHers = await as('olivia', nominate, { itemId: '00000000-0000-4000-8000-000000000000', userIds: [people.nurse.userId] });
    expect(notHers.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'itemId' });
    const clinician = await as('consultant', nominate, { itemId: '00000000-0000-4000-8000-000000000000', userIds: [] });
    expect(clinician.errors![0]!.extensions!['code']).toBe('FORBIDDEN');
  });

  test('the national data opt-out removes her from RTT reports, never from direct care', async () => {
    const referral = await as('gp', `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id } }`, {
      input: {
        patientId: oliviaBennett,
        referringOrganisation: 'A81001',
        referringClinician: 'Dr David Lee',
        receivingOrganisation: 'OPTOUT',
        specialty: 'Cardiology',
        priority: 'ROUTINE',
        reason: 'Palpitations',
        receivedOn: '2026-11-02',
      },
    });
    expect(referral.errors).toBeUndefined();
    const waiting = async () =>
      (
        await as<{ rttPerformance: { incompletePathways: number } }>(
          optOutAnalyst,
          `{ rttPerformance(censusDate: "2026-11-24") { incompletePathways } }`,
        )
      ).data!.rttPerformance.incompletePathways;
    expect(await waiting()).toBe(1);
    await as('olivia', `mutation { updateMyConsent(choices: { nationalOptOut: true }) { nationalOptOut } }`);
    try {
      expect(await waiting()).toBe(0);
      const care = await as<{ patient: { referrals: { receivingOrganisation: string }[] } }>(
        'consultant',
        `query ($id: ID!) { patient(id: $id) { referrals { receivingOrganisation } } }`,
        {
          id: oliviaBennett,
        },
      );
      expect(care.data!.patient.referrals.map((r) => r.receivingOrganisation)).toContain('OPTOUT');
    } finally {
      await as('olivia', `mutation { updateMyConsent(choices: { nationalOptOut: false }) { nationalOptOut } }`);
    }
    expect(await waiting()).toBe(1);
  });

  test('a reporting analyst sees waits, not people', async () => {
    const list = await as(optOutAnalyst, `{ patientTrackingList(censusDate: "2026-11-24") { entries { weeksWaited patient { id } } } }`);
    expect(list.data!['patientTrackingList'].entries).toEqual([{ weeksWaited: 3, patient: null }]);
    expect(codesAt(list, 'patientTrackingList.entries.0.patient')).toEqual(['FORBIDDEN']);
  });
});
