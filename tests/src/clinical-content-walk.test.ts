import { randomUUID } from 'node:crypto';
import { as, staffAt, type Person, type Staff } from './support/people.js';
import {
  apiSchema,
  entityQueriesReaching,
  fieldsOfClass,
  queriesReaching,
  valuesAt,
  type ArgumentTable,
} from './support/supergraph-walk.js';
import { callerFor, callSubgraph, stackSigner } from './support/subgraph-call.js';
import { subgraphSdlSchema } from './support/subgraph-sdl.js';
import { subgraphNames, type SubgraphName } from '@epr/platform';
import { people } from './support/people.js';
import { openSession, uniqueService, client, bookMutation } from './scheduling-fixtures.js';
import { tokenOf } from './support/people.js';
import type { RunningGateway } from '@epr/gateway/gateway-server';
import { startExtraGateway } from './support/extra-gateway.js';

/*
 * No clinical content by any path of the supergraph for roles without clinical grounds. The test walks the
 * composed API schema: for every root field it builds one query selecting every path to every field the
 * subgraphs classify CLINICAL (nested fields, lists, reports, search, federation joins), and one selecting
 * every field reachable at all; it runs them as each role and asserts that no clinical field has a value and
 * that no planted clinical text appears anywhere in the answer (so text in a field classified as something
 * else is caught too). A new field or root field is covered without touching this test (a root field needing arguments the
 * table below lacks fails it). The same queries as clinicians with a relationship show every planted text, so
 * the walk does reach the data.
 */
const marker = `CLINICAL-${randomUUID().slice(0, 8)}`;
const planted = (what: string) => `${marker} ${what}`;

function nhsNumber(): string {
  for (;;) {
    const digits = `999${Math.floor(Math.random() * 1e6)
      .toString()
      .padStart(6, '0')}`;
    const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${digits}${check === 11 ? 0 : check}`;
  }
}

const ids: Record<string, string> = {};

// The walk's queries select every path there is — up to 200 000 characters and an estimated cost of millions —
// far past what the gateway lets a client send in one operation. They go through a gateway of their own, with the
// operation limits raised and no rate limits, over the stack's subgraphs (whose own limits leave such room).
let walker: RunningGateway;
beforeAll(async () => {
  walker = await startExtraGateway({
    limits: { maxDepth: 20, maxAliases: 200, maxTokens: 100_000, maxCost: 1_000_000_000 },
    rateLimits: 'off',
  });
});
afterAll(() => walker.close());
// That gateway runs in this process, planning the walk's queries beside the test itself: give it time.
const walkTimeout = 60_000;
const practiceTeam = 'ca7e7ea0-0000-4000-8000-000000000006';

async function ok<T>(who: Person | Staff, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await as<T>(who, query, variables);
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

beforeAll(async () => {
  ids['nhsNumber'] = nhsNumber();
  ids['localId'] = `RX1-WALK-${randomUUID().slice(0, 8)}`;
  const registered = await ok<{ registerPatient: { id: string } }>(
    'reception',
    `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`,
    {
      input: {
        nhsNumber: ids['nhsNumber'],
        givenName: 'Wilhelmina',
        familyName: 'Walker',
        birthDate: '1966-04-02',
        registeredGpPractice: 'A81001',
        localIdentifiers: [{ organisation: 'RX1', value: ids['localId'] }],
      },
    },
  );
  const patientId = (ids['patient'] = registered.registerPatient.id);

  ids['problem'] = (
    await ok<{ recordProblem: { id: string } }>('gp', `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`, {
      input: { patientId, code: { conceptId: '38341003', term: planted('problem') } },
    })
  ).recordProblem.id;
  await ok('gp', `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`, {
    input: {
      patientId,
      code: { conceptId: '35489007', term: planted('locked problem') },
      sealLevel: 'SEALED_AND_LOCKED',
      authoringTeamId: practiceTeam,
    },
  });
  ids['allergy'] = (
    await ok<{ recordAllergy: { id: string } }>('gp', `mutation ($input: RecordAllergyInput!) { recordAllergy(input: $input) { id } }`, {
      input: { patientId, substance: { conceptId: '91936005', term: planted('allergy') }, severity: 'SEVERE' },
    })
  ).recordAllergy.id;
  ids['medication'] = (
    await ok<{ recordMedication: { id: string } }>(
      'gp',
      `mutation ($input: RecordMedicationInput!) { recordMedication(input: $input) { id } }`,
      {
        input: { patientId, medicine: { conceptId: '387458008', term: 'Aspirin' }, dosage: planted('dosage') },
      },
    )
  ).recordMedication.id;
  const filed = await ok<{ fileClinicalDocument: { id: string } }>(
    'gp',
    `mutation ($input: FileClinicalDocumentInput!) { fileClinicalDocument(input: $input) { id } }`,
    {
      input: {
        patientId,
        type: { conceptId: '371530004', term: 'Clinical consultation report' },
        title: planted('document title'),
        authoredAt: '2026-10-01T10:00:00Z',
        sections: [{ title: 'Plan', text: planted('document section') }],
      },
    },
  );
  ids['document'] = filed.fileClinicalDocument.id;
  // A corrected item: its earlier version (planted 'dosage') is reached through previousVersions only.
  await ok('gp', `mutation ($input: AmendMedicationInput!) { amendMedication(input: $input) { id } }`, {
    input: { id: ids['medication'], dosage: planted('amended dosage'), reason: 'Dose corrected' },
  });
  // An item entered in error is in no list: no path of the walk reaches it, not even for its author.
  const wrong = await ok<{ recordAllergy: { id: string } }>(
    'gp',
    `mutation ($input: RecordAllergyInput!) { recordAllergy(input: $input) { id } }`,
    { input: { patientId, substance: { conceptId: '91936005', term: planted('entered in error') }, severity: 'MILD' } },
  );
  await ok('gp', `mutation ($input: MarkEnteredInErrorInput!) { markEnteredInError(input: $input) { id } }`, {
    input: { kind: 'ALLERGY', id: wrong.recordAllergy.id, reason: 'Wrong patient' },
  });

  const referral = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id pathway { id } } }`;
  const referralInput = (reason: string) => ({
    patientId,
    referringOrganisation: 'A81001',
    referringClinician: 'Dr David Lee',
    receivingOrganisation: 'RX1',
    specialty: 'Cardiology',
    priority: 'ROUTINE',
    reason,
    receivedOn: '2026-10-05',
  });
  const referred = await ok<{ createReferral: { id: string; pathway: { id: string } } }>('gp', referral, {
    input: referralInput(planted('referral reason')),
  });
  ids['referral'] = referred.createReferral.id;
  ids['pathway'] = referred.createReferral.pathway.id;
  const rejected = await ok<{ createReferral: { id: string } }>('gp', referral, { input: referralInput(planted('second referral')) });
  await ok('consultant', `mutation ($input: TriageReferralInput!) { triageReferral(input: $input) { id } }`, {
    input: { referralId: rejected.createReferral.id, decision: 'REJECT', reason: planted('rejection reason') },
  });
  // A withdrawal's reason (and the timeline entry it writes) is clinical too; the team keeps its grace period.
  const withdrawn = await ok<{ createReferral: { id: string } }>('gp', referral, { input: referralInput(planted('third referral')) });
  await ok('gp', `mutation ($input: WithdrawReferralInput!) { withdrawReferral(input: $input) { id } }`, {
    input: { referralId: withdrawn.createReferral.id, reason: planted('withdrawal reason') },
  });
  await ok('consultant', `mutation ($input: RecordRttEventInput!) { recordRttEvent(input: $input) { id } }`, {
    input: { pathwayId: ids['pathway'], rttStatus: '10', occurredOn: '2026-10-20', note: planted('timeline note') },
  });
  await ok('consultant', `mutation ($input: AddPathwayDocumentInput!) { addPathwayDocument(input: $input) { id } }`, {
    input: { pathwayId: ids['pathway'], kind: 'LETTER', title: planted('letter title'), body: planted('letter body') },
  });
  const assessment = await ok<{ startAssessment: { id: string } }>(
    'consultant',
    `mutation ($input: StartAssessmentInput!) { startAssessment(input: $input) { id } }`,
    { input: { pathwayId: ids['pathway'], title: planted('assessment title') } },
  );
  await ok('consultant', `mutation ($input: ContributeToAssessmentInput!) { contributeToAssessment(input: $input) { id } }`, {
    input: { assessmentId: assessment.startAssessment.id, discipline: 'Cardiology', content: planted('contribution') },
  });

  const clerk = client(await tokenOf('clerk'));
  ids['service'] = uniqueService('Walk');
  const startsAt = new Date(Date.now() + 14 * 86_400_000);
  const session = await openSession(clerk, { service: ids['service'], startsAt });
  ids['clinic'] = session.clinicId;
  ids['slot'] = session.slots[0]!.id;
  const booked = await clerk<{ bookAppointment: { id: string } }>(bookMutation, {
    input: { patientId, slotId: ids['slot'], pathwayId: ids['pathway'], referralId: ids['referral'] },
  });
  if (!booked.data) throw new Error(`booking failed: ${JSON.stringify(booked.errors)}`);
  ids['appointment'] = booked.data.bookAppointment.id;
  ids['from'] = new Date(startsAt.getTime() - 86_400_000).toISOString();
  ids['to'] = new Date(startsAt.getTime() + 86_400_000).toISOString();
});

/** Arguments for fields that need them; every root field of the API that needs one must be here. */
function argumentTable(): ArgumentTable {
  const today = new Date().toISOString().slice(0, 10);
  return {
    'Query.patient': `(id: "${ids['patient']}")`,
    'Query.patientByNhsNumber': `(nhsNumber: "${ids['nhsNumber']}")`,
    'Query.patientByLocalIdentifier': `(organisation: "RX1", value: "${ids['localId']}")`,
    'Query.searchPatients': `(criteria: { nhsNumber: "${ids['nhsNumber']}" })`,
    'Query.organisation': `(odsCode: "RX1")`,
    'Query.careTeam': `(id: "${practiceTeam}")`,
    'Query.problem': `(id: "${ids['problem']}")`,
    'Query.allergy': `(id: "${ids['allergy']}")`,
    'Query.medication': `(id: "${ids['medication']}")`,
    'Query.document': `(id: "${ids['document']}")`,
    'Query.referral': `(id: "${ids['referral']}")`,
    'Query.pathway': `(id: "${ids['pathway']}")`,
    'Query.patientTrackingList': `(first: 500)`,
    'Query.rttPerformance': `(censusDate: "${today}")`,
    'Query.rttCompletedPathways': `(from: "2026-01-01", to: "2026-12-31")`,
    'Query.rttNewClockStarts': `(from: "2026-01-01", to: "2026-12-31")`,
    'Query.appointment': `(id: "${ids['appointment']}")`,
    'Query.clinicList': `(organisation: "RX1", from: "${ids['from']}", to: "${ids['to']}")`,
    'Query.clinic': `(id: "${ids['clinic']}")`,
    'Query.clinics': `(organisation: "RX1", service: "${ids['service']}")`,
    'Query.slot': `(id: "${ids['slot']}")`,
    'Query.freeSlots': `(service: "${ids['service']}", from: "${ids['from']}", to: "${ids['to']}")`,
    'Query.accessEvents': `(filter: { patientId: "${ids['patient']}" }, first: 200)`,
    'Query.accessEvent': `(id: "1")`,
  };
}

const clinical = fieldsOfClass('CLINICAL');

/** Queries for every clinical field under each root field; with `everything`, for every field there is. */
function walk(everything = false) {
  const { queries, missingArguments } = queriesReaching(apiSchema(), clinical, argumentTable(), { everything });
  expect(missingArguments).toEqual([]);
  return queries;
}

describe('the walk', () => {
  test('finds clinical content under many root fields, nested and through federation joins', () => {
    expect(clinical.size).toBeGreaterThan(40);
    expect(clinical).toEqual(expect.objectContaining({}));
    for (const field of ['Referral.reason', 'PathwayTimelineEntry.note', 'ReferralTriage.reason', 'PathwayDocument.body', 'Problem.code']) {
      expect(clinical.has(field)).toBe(true);
    }
    const roots = walk().map((q) => q.rootField);
    expect(roots).toEqual(
      expect.arrayContaining(['patient', 'searchPatients', 'referral', 'pathway', 'patientTrackingList', 'appointment', 'clinicList']),
    );
  });

  test(
    'clinicians with a relationship see every planted text through it (so the walk reaches the data)',
    async () => {
      const seen = new Set<string>();
      for (const who of ['gp', 'consultant'] as const) {
        for (const { query } of walk()) {
          const body = JSON.stringify(await as(who, query, {}, walker.url));
          for (const match of body.matchAll(new RegExp(`${marker} ([a-z ]+)`, 'g'))) seen.add(match[1]!);
        }
      }
      expect([...seen].sort()).toEqual(
        [
          'allergy',
          'amended dosage',
          'assessment title',
          'contribution',
          'document section',
          'document title',
          'dosage',
          'letter body',
          'letter title',
          'locked problem',
          'problem',
          'referral reason',
          'rejection reason',
          'second referral',
          'third referral',
          'timeline note',
          'withdrawal reason',
        ].sort(),
      );
    },
    walkTimeout,
  );
});

const roles: [string, () => Promise<Person | Staff>][] = [
  ['a booking clerk', async () => 'clerk'],
  ['a GP receptionist', async () => 'reception'],
  ['a reporting analyst', async () => 'analyst'],
  ['a privacy officer', async () => 'privacyOfficer'],
  ['the interface engine (PAS ADT feed)', async () => 'engine'],
  ['a clinician of another trust with no relationship', () => staffAt('RXQ', 'R8000')],
  ['a nurse of another trust with no relationship', () => staffAt('RXQ', 'R8001')],
];

/** The representation the gateway would send for each entity type the subgraphs resolve, by its key. */
function representationOf(typeName: string): Record<string, string> | null {
  const byType: Record<string, Record<string, string>> = {
    Patient: { id: ids['patient']! },
    Referral: { id: ids['referral']! },
    Pathway: { id: ids['pathway']! },
    Appointment: { id: ids['appointment']! },
    Clinic: { id: ids['clinic']! },
    Slot: { id: ids['slot']! },
    Organisation: { odsCode: 'RX1' },
    CareTeam: { id: practiceTeam },
  };
  const representation = byType[typeName];
  return representation ? { __typename: typeName, ...representation } : null;
}

/** `_entities` queries of every subgraph, for every entity type it resolves, to the clinical fields and to everything. */
function entityWalk() {
  const found: { subgraph: SubgraphName; typeName: string; query: string }[] = [];
  const missing: string[] = [];
  for (const subgraph of subgraphNames) {
    const schema = subgraphSdlSchema(subgraph);
    for (const everything of [false, true]) {
      const { queries, missingArguments } = entityQueriesReaching(schema, clinical, argumentTable(), { everything });
      missing.push(...missingArguments.map((key) => `${subgraph}: ${key}`));
      found.push(...queries.map((q) => ({ subgraph, ...q })));
    }
  }
  // A new entity type must be given a representation here, so the walk cannot pass it by.
  expect(found.filter(({ typeName }) => !representationOf(typeName)).map(({ subgraph, typeName }) => `${subgraph}: ${typeName}`)).toEqual(
    [],
  );
  return { found, missing };
}

describe('`_entities`, sent straight to each subgraph as the gateway would', () => {
  test('reaches every planted text for a clinician with a relationship (so the walk reaches the data)', async () => {
    const signer = await stackSigner();
    const consultant = await callerFor(people.consultant);
    const seen = new Set<string>();
    const { found, missing } = entityWalk();
    expect(missing).toEqual([]);
    for (const { subgraph, typeName, query } of found) {
      const { body } = await callSubgraph(subgraph, signer, consultant, query, { representations: [representationOf(typeName)] });
      for (const match of JSON.stringify(body).matchAll(new RegExp(`${marker} ([a-z ]+)`, 'g'))) seen.add(match[1]!);
    }
    expect([...seen]).toEqual(expect.arrayContaining(['referral reason', 'timeline note', 'letter body', 'contribution', 'problem']));
  });

  test.each(roles)('gives %s no clinical content, for any entity of any subgraph', async (_label, who) => {
    const signer = await stackSigner();
    const person = await who();
    const caller = await callerFor(typeof person === 'string' ? people[person] : person);
    const leaks: string[] = [];
    for (const { subgraph, typeName, query } of entityWalk().found) {
      const { body } = await callSubgraph(subgraph, signer, { ...caller, requestId: randomUUID() }, query, {
        representations: [representationOf(typeName)],
      });
      const where = `${subgraph} _entities(${typeName})`;
      leaks.push(...valuesAt(clinical, body.data).map((at) => `${where}: ${at}`));
      if (JSON.stringify(body).includes(marker)) leaks.push(`${where}: planted clinical text in ${JSON.stringify(body)}`);
      for (const error of body.errors ?? []) {
        if (!['FORBIDDEN', 'NOT_FOUND'].includes(String(error.extensions?.['code']))) leaks.push(`${where}: ${JSON.stringify(error)}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});

describe.each(roles)('%s', (_label, who) => {
  test(
    'gets no clinical content by any path of the supergraph',
    async () => {
      const caller = await who();
      const leaks: string[] = [];
      for (const { rootField, query } of [...walk(), ...walk(true)]) {
        const body = await as(caller, query, {}, walker.url);
        leaks.push(...valuesAt(clinical, body.data).map((at) => `${rootField}: ${at}`));
        if (JSON.stringify(body).includes(marker)) leaks.push(`${rootField}: planted clinical text in ${JSON.stringify(body)}`);
        for (const error of body.errors ?? []) {
          if (!['FORBIDDEN', 'NOT_FOUND'].includes(String(error.extensions?.['code'])))
            leaks.push(`${rootField}: ${JSON.stringify(error)}`);
        }
      }
      expect(leaks).toEqual([]);
    },
    walkTimeout,
  );
});
