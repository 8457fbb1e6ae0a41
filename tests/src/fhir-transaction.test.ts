import type { AllergyIntolerance, Bundle, BundleEntry, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { graphql } from './support/gateway-client.js';
import { tokenOf, type Person } from './support/people.js';
import { fhir, fhirBase, resourcesOf } from './support/fhir-client.js';

/*
 * Writing through the FHIR façade: transaction and batch Bundles of Patient, Condition, AllergyIntolerance and
 * MedicationStatement, each written by the existing mutation through the gateway, conditional creates with
 * ifNoneExist, and what a transaction guarantees when an entry is refused.
 */
const token = tokenOf;
const post = async <T = Bundle>(who: Person, body: unknown) => fhir<T>('', { token: await token(who), method: 'POST', body });

const nhsSystem = 'https://fhir.nhs.uk/Id/nhs-number';
const snomed = 'http://snomed.info/sct';
const practiceTeam = 'ca7e7ea0-0000-4000-8000-000000000006';

/** A never-issued NHS number (999 range) that passes Modulus 11, different on every call. */
let serial = Date.now() % 1_000_000;
function freshNhsNumber(): string {
  for (;;) {
    serial = (serial + 7919) % 1_000_000;
    const nine = `999${String(serial).padStart(6, '0')}`;
    const check = 11 - ([...nine].reduce((sum, d, i) => sum + Number(d) * (10 - i), 0) % 11);
    if (check !== 10) return `${nine}${check === 11 ? 0 : check}`;
  }
}

function patientEntry(nhsNumber: string, family: string, fullUrl = 'urn:uuid:8f7a2b4c-0000-4000-8000-000000000001'): BundleEntry {
  return {
    fullUrl,
    resource: {
      resourceType: 'Patient',
      identifier: [{ system: nhsSystem, value: nhsNumber }],
      name: [{ use: 'official', family, given: ['Tess'] }],
      gender: 'female',
      birthDate: '1975-04-03',
      address: [{ line: ['1 Bundle Row'], postalCode: 'LS1 4AP' }],
      generalPractitioner: [{ identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'A81001' } }],
    },
    request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${nhsSystem}|${nhsNumber}` },
  };
}

const condition = (subject: string, code = '38341003', display = 'Hypertensive disorder'): BundleEntry => ({
  resource: {
    resourceType: 'Condition',
    subject: { reference: subject },
    code: { coding: [{ system: snomed, code, display }] },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    onsetDateTime: '2020-02-02',
  },
  request: { method: 'POST', url: 'Condition', ifNoneExist: `code=${snomed}|${code}` },
});
const allergy = (subject: string): BundleEntry => ({
  resource: {
    resourceType: 'AllergyIntolerance',
    patient: { reference: subject },
    type: 'allergy',
    code: { coding: [{ system: snomed, code: '764146007', display: 'Penicillin' }] },
    reaction: [{ manifestation: [{ coding: [{ system: snomed, code: '126485001', display: 'Urticaria' }] }], severity: 'moderate' }],
  },
  request: { method: 'POST', url: 'AllergyIntolerance', ifNoneExist: `code=${snomed}|764146007` },
});
const medication = (subject: string): BundleEntry => ({
  resource: {
    resourceType: 'MedicationStatement',
    status: 'active',
    subject: { reference: subject },
    medicationCodeableConcept: { coding: [{ system: snomed, code: '319283006', display: 'Amlodipine 5mg tablets' }] },
    dosage: [{ text: 'One tablet once a day' }],
    effectivePeriod: { start: '2020-02-03' },
  },
  request: { method: 'POST', url: 'MedicationStatement', ifNoneExist: `code=${snomed}|319283006` },
});
const bundle = (type: 'transaction' | 'batch', entry: BundleEntry[]) => ({ resourceType: 'Bundle', type, entry });

async function byNhsNumber(nhsNumber: string): Promise<string[]> {
  const found = await fhir<Bundle>(`Patient?identifier=${nhsSystem}|${nhsNumber}`, { token: await token('gp') });
  return resourcesOf(found.body).map((r) => r.id!);
}

async function recordCounts(patientId: string): Promise<number[]> {
  const { body } = await graphql<{ patient: { problems: unknown[]; allergies: unknown[]; medications: unknown[] } }>(
    `
      query ($id: ID!) {
        patient(id: $id) {
          problems {
            id
          }
          allergies {
            id
          }
          medications {
            id
          }
        }
      }
    `,
    { token: await token('gp'), variables: { id: patientId } },
  );
  return [body.data!.patient.problems.length, body.data!.patient.allergies.length, body.data!.patient.medications.length];
}

describe('transaction', () => {
  test('registration with ifNoneExist: created once, then found', async () => {
    const nhsNumber = freshNhsNumber();
    const first = await post('reception', bundle('transaction', [patientEntry(nhsNumber, 'Bundleton')]));
    expect(first.status).toBe(200);
    expect(first.body.type).toBe('transaction-response');
    const [created] = first.body.entry!;
    expect(created!.response).toEqual({ status: '201 Created', location: expect.stringMatching(/^Patient\/[0-9a-f-]{36}$/) });
    const again = await post('reception', bundle('transaction', [patientEntry(nhsNumber, 'Bundleton')]));
    expect(again.body.entry![0]!.response).toEqual({ status: '200 OK', location: created!.response!.location });
    expect(await byNhsNumber(nhsNumber)).toEqual([created!.response!.location!.slice('Patient/'.length)]);
  });

  test('a clinician sends a patient and their record: re-sent, nothing new is created', async () => {
    const nhsNumber = freshNhsNumber();
    const registered = await post('reception', bundle('transaction', [patientEntry(nhsNumber, 'Recordsen')]));
    const patientId = registered.body.entry![0]!.response!.location!.slice('Patient/'.length);
    const urn = 'urn:uuid:8f7a2b4c-0000-4000-8000-000000000001';
    const entries = [patientEntry(nhsNumber, 'Recordsen', urn), condition(urn), allergy(urn), medication(urn)];
    const first = await post('gp', bundle('transaction', entries));
    expect(first.status).toBe(200);
    expect(first.body.entry!.map((e) => e.response!.status)).toEqual(['200 OK', '201 Created', '201 Created', '201 Created']);
    expect(first.body.entry!.map((e) => e.response!.location!.split('/')[0])).toEqual([
      'Patient',
      'Condition',
      'AllergyIntolerance',
      'MedicationStatement',
    ]);
    expect(await recordCounts(patientId)).toEqual([1, 1, 1]);
    const again = await post('gp', bundle('transaction', entries));
    expect(again.body.entry!.map((e) => e.response!.status)).toEqual(['200 OK', '200 OK', '200 OK', '200 OK']);
    expect(again.body.entry!.map((e) => e.response!.location)).toEqual(first.body.entry!.map((e) => e.response!.location));
    expect(await recordCounts(patientId)).toEqual([1, 1, 1]);
    const read = await fhir(first.body.entry![1]!.response!.location!, { token: await token('gp') });
    expect(read.body).toMatchObject({
      resourceType: 'Condition',
      onsetDateTime: '2020-02-02',
      subject: { reference: `Patient/${patientId}` },
    });
  });

  test('all or nothing: an invalid entry, a role without the activity, or a patient out of reach writes nothing', async () => {
    const nhsNumber = freshNhsNumber();
    const registered = await post('reception', bundle('transaction', [patientEntry(nhsNumber, 'Allornothing')]));
    const patientId = registered.body.entry![0]!.response!.location!.slice('Patient/'.length);
    const subject = `Patient/${patientId}`;

    const invalid = await post<OperationOutcome>(
      'gp',
      bundle('transaction', [
        condition(subject),
        {
          ...condition(subject, '73211009'),
          resource: { resourceType: 'Condition', subject: { reference: subject }, code: { text: 'diabetes' } },
        },
      ]),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.issue[0]!.expression).toEqual(['Bundle.entry[1].resource.code']);

    // The clerk may register patients but not record clinical items: the Condition refuses the whole Bundle before
    // the Patient, which comes first and alone would be written, is.
    const unregistered = freshNhsNumber();
    const role = await post<OperationOutcome>(
      'clerk',
      bundle('transaction', [patientEntry(unregistered, 'Neverborn'), condition('urn:uuid:8f7a2b4c-0000-4000-8000-000000000001')]),
    );
    expect(role.status).toBe(403);
    expect(role.body.issue[0]!.diagnostics).toMatch(/recording clinical information \(entry 1\)/);
    expect(await byNhsNumber(unregistered)).toEqual([]);
    // Nor may the GP register one.
    expect((await post('gp', bundle('transaction', [patientEntry(freshNhsNumber(), 'Neverborn')]))).status).toBe(403);

    // Dr Hart at the hospital has no relationship with this patient of the practice.
    const relationship = await post<OperationOutcome>('consultant', bundle('transaction', [condition(subject)]));
    expect(relationship.status).toBe(403);
    expect(relationship.body.issue[0]!.diagnostics).toMatch(/legitimate relationship/);

    const clerk = await post<OperationOutcome>('clerk', bundle('transaction', [medication(subject)]));
    expect(clerk.status).toBe(403);

    const unknown = await post<OperationOutcome>('gp', bundle('transaction', [condition('Patient/5e1f0c3a-0000-4000-8000-0000000000ff')]));
    expect(unknown.status).toBe(404);

    expect(await recordCounts(patientId)).toEqual([0, 0, 0]);
  });

  test('a write the record still refuses stops the rest, and the answer names what was written before it', async () => {
    const nhsNumber = freshNhsNumber();
    const registered = await post('reception', bundle('transaction', [patientEntry(nhsNumber, 'Partialis')]));
    const patientId = registered.body.entry![0]!.response!.location!.slice('Patient/'.length);
    // 38341004 fails the SNOMED CT Verhoeff check, which only the record applies.
    const response = await post<OperationOutcome>(
      'gp',
      bundle('transaction', [
        condition(`Patient/${patientId}`),
        condition(`Patient/${patientId}`, '38341004', 'Not a concept'),
        medication(`Patient/${patientId}`),
      ]),
    );
    expect(response.status).toBe(400);
    expect(response.body.issue[0]).toMatchObject({ severity: 'error', expression: [expect.stringContaining('Bundle.entry[1]')] });
    expect(response.body.issue[1]).toMatchObject({ severity: 'information', expression: ['Bundle.entry[0]'] });
    expect(await recordCounts(patientId)).toEqual([1, 0, 0]);
  });

  test('ifNoneExist never reveals an item the sender may not see: a locked item is not "found"', async () => {
    const nhsNumber = freshNhsNumber();
    const registered = await post('reception', bundle('transaction', [patientEntry(nhsNumber, 'Lockprobe')]));
    const patientId = registered.body.entry![0]!.response!.location!.slice('Patient/'.length);
    const locked = await graphql<{ recordProblem: { id: string } }>(
      `
        mutation ($input: RecordProblemInput!) {
          recordProblem(input: $input) {
            id
          }
        }
      `,
      {
        token: await token('gp'),
        variables: {
          input: {
            patientId,
            code: { conceptId: '195967001', term: 'Asthma' },
            sealLevel: 'SEALED_AND_LOCKED',
            authoringTeamId: practiceTeam,
          },
        },
      },
    );
    const lockedId = locked.body.data!.recordProblem.id;
    await graphql(
      `
        mutation ($id: ID!) {
          emergencyAccess(patientId: $id, reason: "Collapsed in ED, unresponsive") {
            expiresAt
          }
        }
      `,
      {
        token: await token('consultant'),
        variables: { id: patientId },
      },
    );
    const probe = await post('consultant', bundle('transaction', [condition(`Patient/${patientId}`, '195967001', 'Asthma')]));
    expect(probe.body.entry![0]!.response!.status).toBe('201 Created');
    expect(JSON.stringify(probe.body)).not.toContain(lockedId);
  });
});

describe('batch', () => {
  test('each entry stands alone: its own status, and an OperationOutcome for the refused ones', async () => {
    const nhsNumber = freshNhsNumber();
    const registered = await post('reception', bundle('transaction', [patientEntry(nhsNumber, 'Batchelor')]));
    const patientId = registered.body.entry![0]!.response!.location!.slice('Patient/'.length);
    const subject = `Patient/${patientId}`;
    const response = await post(
      'gp',
      bundle('batch', [
        condition(subject),
        { ...allergy(subject), resource: { ...(allergy(subject).resource as AllergyIntolerance), reaction: [] } },
        medication(subject),
        patientEntry(freshNhsNumber(), 'Nope'),
      ]),
    );
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('batch-response');
    expect(response.body.entry!.map((e) => e.response!.status)).toEqual(['201 Created', '400 Bad Request', '201 Created', '403 Forbidden']);
    expect(response.body.entry![1]!.response!.outcome).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ expression: ['Bundle.entry[1].resource.reaction[0].severity'] }],
    });
    expect(await recordCounts(patientId)).toEqual([1, 0, 1]);
  });
});

describe('create', () => {
  test('POST /Patient with If-None-Exist: 201 with its Location, then 200 with the same one; POST /Condition by the GP', async () => {
    const nhsNumber = freshNhsNumber();
    const entry = patientEntry(nhsNumber, 'Singleton');
    const create = async () =>
      fhir<Patient>('Patient', {
        token: await token('reception'),
        method: 'POST',
        body: entry.resource,
        headers: { 'if-none-exist': `identifier=${nhsSystem}|${nhsNumber}` },
      });
    const first = await create();
    expect(first.status).toBe(201);
    expect(first.location).toBe(`${fhirBase()}/Patient/${first.body.id}`);
    expect(first.body).toMatchObject({ resourceType: 'Patient', name: [{ family: 'Singleton' }] });
    const second = await create();
    expect(second.status).toBe(200);
    expect(second.location).toBe(first.location);
    const problem = await fhir('Condition', {
      token: await token('gp'),
      method: 'POST',
      body: condition(`Patient/${first.body.id}`).resource,
    });
    expect(problem.status).toBe(201);
    expect(problem.body).toMatchObject({ resourceType: 'Condition', subject: { reference: `Patient/${first.body.id}` } });
    expect((await fhir('Condition', { token: await token('clerk'), method: 'POST', body: problem.body })).status).toBe(403);
    expect((await fhir('Observation', { token: await token('gp'), method: 'POST', body: {} })).status).toBe(405);
  });
});

describe('what is not a Bundle to process', () => {
  test.each([
    ['not JSON', '{'],
    ['a resource that is not a Bundle', { resourceType: 'Patient' }],
    ['a searchset', { resourceType: 'Bundle', type: 'searchset', entry: [] }],
    ['no entries', { resourceType: 'Bundle', type: 'batch', entry: [] }],
    ['an update', bundle('transaction', [{ ...condition('Patient/x'), request: { method: 'PUT', url: 'Condition/1' } }])],
    [
      'a type it cannot write',
      bundle('transaction', [
        { resource: { resourceType: 'Observation', status: 'final', code: {} }, request: { method: 'POST', url: 'Observation' } },
      ]),
    ],
    ['a reference to no entry', bundle('transaction', [condition('urn:uuid:0000')])],
    [
      'a Patient ifNoneExist on a name',
      bundle('transaction', [
        { ...patientEntry(freshNhsNumber(), 'X'), request: { method: 'POST', url: 'Patient', ifNoneExist: 'family=X' } },
      ]),
    ],
  ])('%s is 400', async (_label, body) => {
    // Sent as text, so a body that is not JSON at all reaches the server as it is.
    const response = await fetch(fhirBase(), {
      method: 'POST',
      headers: { authorization: `Bearer ${await token('gp')}`, 'content-type': 'application/fhir+json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
  });
});
