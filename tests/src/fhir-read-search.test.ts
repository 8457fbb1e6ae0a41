import type { Bundle, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { graphql } from './support/gateway-client.js';
import { tokenOf, type Person } from './support/people.js';
import { fhir, resourcesOf } from './support/fhir-client.js';

/*
 * The FHIR R4 façade's reads and searches through the real gateway: UK Core Patient, the clinical lists, referrals
 * and appointments, the security log — each as several roles, decided by the same policy as GraphQL.
 */
const token = tokenOf;
const as = async <T = Bundle>(who: Person, path: string) => fhir<T>(path, { token: await token(who) });

const olivia = '5e1f0c3a-0000-4000-8000-000000000001';
const george = '5e1f0c3a-0000-4000-8000-000000000004';
const oliviasHypertension = 'b0b1e000-0000-4000-8000-000000000001';

describe('metadata and sign-in', () => {
  test('the CapabilityStatement needs no token and lists what is served', async () => {
    const response = await fhir<{ resourceType: string; fhirVersion: string; rest: { resource: { type: string }[] }[] }>('metadata');
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^application\/fhir\+json/);
    expect(response.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
    expect(response.body.rest[0]!.resource.map((r) => r.type)).toEqual([
      'Patient',
      'Condition',
      'AllergyIntolerance',
      'MedicationStatement',
      'ServiceRequest',
      'Appointment',
      'AuditEvent',
    ]);
  });

  test('everything else needs a session: 401 with an OperationOutcome', async () => {
    for (const authorization of [undefined, 'not-a-token']) {
      const response = await fhir<OperationOutcome>(`Patient/${olivia}`, authorization ? { token: authorization } : {});
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
    }
  });
});

describe('Patient', () => {
  test('read: UK Core, NHS number with its verification status, hospital numbers as their own systems, GP practice', async () => {
    const response = await as<Patient>('consultant', `Patient/${olivia}`);
    expect(response.status).toBe(200);
    const patient = response.body;
    expect(patient.meta?.profile).toEqual(['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient']);
    expect(patient.identifier).toEqual([
      {
        system: 'https://fhir.nhs.uk/Id/nhs-number',
        value: '9990000018',
        extension: [expect.objectContaining({ url: expect.stringContaining('NHSNumberVerificationStatus') })],
      },
      {
        use: 'usual',
        system: 'https://fhir.rx1.nhs.uk/Id/local-patient-identifier',
        value: 'RX1-0042317',
        assigner: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RX1' } },
      },
    ]);
    expect(patient.name).toEqual([
      { use: 'official', family: 'Bennett', given: ['Olivia'] },
      { use: 'old', family: 'Clarke', given: ['Olivia'] },
    ]);
    expect(patient).toMatchObject({
      gender: 'female',
      birthDate: '1954-03-12',
      address: [{ use: 'home', line: ['4 Mill Lane', 'Northfield'], postalCode: 'LS6 2AB' }],
      telecom: [{ system: 'phone', value: '0113 496 0001', use: 'home' }],
      generalPractitioner: [{ identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'A81001' } }],
    });
  });

  test('unknown and out of scope look the same: 404; a role without patient access is 403', async () => {
    const unknown = await as<OperationOutcome>('consultant', 'Patient/5e1f0c3a-0000-4000-8000-0000000000ff');
    const otherPatient = await as<OperationOutcome>('olivia', `Patient/${george}`);
    for (const response of [unknown, otherPatient]) {
      expect(response.status).toBe(404);
      expect(response.body.issue[0]).toMatchObject({ code: 'not-found' });
    }
    const withoutId = (body: OperationOutcome) => JSON.stringify(body).replace(/[0-9a-f-]{36}/g, '<id>');
    expect(withoutId(otherPatient.body)).toEqual(withoutId(unknown.body));
    expect((await as('olivia', `Patient/${olivia}`)).status).toBe(200);
    const analyst = await as<OperationOutcome>('analyst', `Patient/${olivia}`);
    expect(analyst.status).toBe(403);
    expect(analyst.body.issue[0]).toMatchObject({ code: 'forbidden' });
  });

  test('search by NHS number, by hospital number, and by name and birth date', async () => {
    const byNhs = await as('clerk', 'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9990000018');
    expect(byNhs.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(resourcesOf(byNhs.body).map((r) => r.id)).toEqual([olivia]);
    const byLocal = await as('engine', 'Patient?identifier=https://fhir.rx1.nhs.uk/Id/local-patient-identifier|RX1-0042317');
    expect(resourcesOf(byLocal.body).map((r) => r.id)).toEqual([olivia]);
    const byName = await as('clerk', 'Patient?family=Bennet&given=Olivia&birthdate=1954-03-12');
    expect(byName.status).toBe(200);
    expect(resourcesOf(byName.body)[0]!.id).toBe(olivia);
    expect(byName.body.entry![0]!.search).toMatchObject({ mode: 'match', score: expect.any(Number) });
    const none = await as('clerk', 'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9990000999');
    expect(none.body).toMatchObject({ total: 0 });
    // The portal patient finds herself and nobody else.
    const fromPortal = await as('olivia', 'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9990000220');
    expect(fromPortal.body).toMatchObject({ total: 0 });
  });

  test.each([
    ['an unknown parameter', 'Patient?name=Bennett'],
    ['no criteria', 'Patient'],
    ['an identifier without its system', 'Patient?identifier=9990000018'],
    ['an unknown identifier system', 'Patient?identifier=urn:oid:1.2.3|42'],
    ['a partial birth date', 'Patient?family=Bennett&birthdate=1954'],
    ['a page size out of range', 'Patient?family=Bennett&_count=1000'],
    ['a cursor this server did not make', 'Patient?family=Bennett&_cursor=bm90LWEtY3Vyc29y'],
    ['a parameter given twice', 'Patient?family=Bennett&family=Clarke'],
  ])('bad parameters are 400 with an OperationOutcome: %s', async (_label, path) => {
    const response = await as<OperationOutcome>('clerk', path);
    expect(response.status).toBe(400);
    expect(response.body.resourceType).toBe('OperationOutcome');
    expect(response.body.issue[0]!.diagnostics).toEqual(expect.any(String));
  });
});

describe('the clinical lists, referrals and appointments', () => {
  test('Condition, AllergyIntolerance and MedicationStatement by patient for a clinician with a relationship', async () => {
    // Other test files add to Olivia's record too: the seeded items are there, and the total counts every entry.
    const conditions = await as('gp', `Condition?patient=${olivia}&_count=100`);
    expect(conditions.status).toBe(200);
    expect(conditions.body.total).toBe(resourcesOf(conditions.body).length);
    expect(resourcesOf(conditions.body)).toContainEqual(
      expect.objectContaining({
        resourceType: 'Condition',
        id: oliviasHypertension,
        code: {
          coding: [{ system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertensive disorder' }],
          text: 'Hypertensive disorder',
        },
        clinicalStatus: { coding: [expect.objectContaining({ code: 'active' })] },
        subject: { reference: `Patient/${olivia}` },
      }),
    );
    const allergies = await as('gp', `AllergyIntolerance?patient=Patient/${olivia}`);
    expect(resourcesOf(allergies.body)).toContainEqual(
      expect.objectContaining({
        type: 'allergy',
        code: expect.objectContaining({ text: 'Penicillin' }),
        reaction: [expect.objectContaining({ severity: 'moderate' })],
      }),
    );
    const medications = await as('gp', `MedicationStatement?patient=${olivia}`);
    expect(resourcesOf(medications.body)).toContainEqual(
      expect.objectContaining({ status: 'active', dosage: [{ text: 'One tablet once a day' }], effectivePeriod: { start: '2015-06-10' } }),
    );
    const read = await as('gp', `Condition/${oliviasHypertension}`);
    expect(read.body).toMatchObject({ resourceType: 'Condition', id: oliviasHypertension, subject: { reference: `Patient/${olivia}` } });
  });

  test('the patient reads her own lists in the portal, and nobody else’s (404)', async () => {
    const own = await as('olivia', `Condition?patient=${olivia}&_count=100`);
    expect(resourcesOf(own.body).map((r) => r.id)).toContain(oliviasHypertension);
    expect((await as('olivia', `Condition?patient=${george}`)).status).toBe(404);
  });

  test('no clinical content for the booking clerk or the interface engine (403), nor without a relationship', async () => {
    for (const who of ['clerk', 'engine'] as const) {
      for (const path of [
        `Condition?patient=${olivia}`,
        `AllergyIntolerance?patient=${olivia}`,
        `MedicationStatement?patient=${olivia}`,
        `Condition/${oliviasHypertension}`,
      ]) {
        const response = await as<OperationOutcome>(who, path);
        expect(response.status).toBe(403);
        expect(JSON.stringify(response.body)).not.toMatch(/Hypertensive|Penicillin|Amlodipine/);
      }
    }
    // Dr Hart at the hospital has a referral relationship with Olivia, not with this patient of the practice.
    const registered = await graphql<{ registerPatient: { id: string } }>(
      `
        mutation {
          registerPatient(
            input: { givenName: "Fhira", familyName: "Norelation", birthDate: "1970-01-01", registeredGpPractice: "A81001" }
          ) {
            id
          }
        }
      `,
      { token: await token('reception') },
    );
    const stranger = registered.body.data!.registerPatient.id;
    const refused = await as<OperationOutcome>('consultant', `Condition?patient=${stranger}`);
    expect(refused.status).toBe(403);
    expect(refused.body.issue[0]!.diagnostics).toMatch(/legitimate relationship/);
  });

  test('ServiceRequest (UBRN) and Appointment by patient and by id', async () => {
    const referrals = await as('consultant', `ServiceRequest?patient=${olivia}`);
    expect(referrals.status).toBe(200);
    const cardiology = resourcesOf(referrals.body).find((r) => r.id === '7a2d9b10-0000-4000-8000-000000000001');
    expect(cardiology).toMatchObject({
      resourceType: 'ServiceRequest',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/UBRN', value: '999000000011' }],
      status: 'active',
      intent: 'order',
      priority: 'routine',
      subject: { reference: `Patient/${olivia}` },
      performer: [{ identifier: { value: 'RX1' } }],
    });
    const appointments = await as('clerk', `Appointment?patient=${olivia}`);
    expect(resourcesOf(appointments.body).map((a) => a.id)).toEqual(
      expect.arrayContaining(['9c4e2f70-0000-4000-8000-000000000001', '9c4e2f70-0000-4000-8000-000000000002']),
    );
    expect(new Set(resourcesOf(appointments.body).map((a) => a.resourceType))).toEqual(new Set(['Appointment']));
    const appointment = await as('clerk', 'Appointment/9c4e2f70-0000-4000-8000-000000000001');
    expect(appointment.body).toMatchObject({
      status: 'fulfilled',
      start: '2026-09-15T09:30:00.000Z',
      basedOn: [{ reference: 'ServiceRequest/7a2d9b10-0000-4000-8000-000000000001' }],
      participant: expect.arrayContaining([{ actor: { reference: `Patient/${olivia}` }, status: 'accepted' }]),
    });
    // The referral's reason is clinical content: the consultant reads it; the booking clerk, and the interface engine that
    // receives referrals from e-RS (referrals.receive_feed), get the referral without it.
    const withReason = resourcesOf((await as('consultant', `ServiceRequest?patient=${olivia}`)).body);
    expect(withReason.find((r) => r.id === '7a2d9b10-0000-4000-8000-000000000001')).toMatchObject({
      reasonCode: [{ text: 'Exertional chest tightness; abnormal resting ECG.' }],
    });
    const clerkView = await as('clerk', `ServiceRequest?patient=${olivia}`);
    expect(clerkView.status).toBe(200);
    expect(resourcesOf(clerkView.body).length).toBeGreaterThan(0);
    expect(JSON.stringify(clerkView.body)).not.toMatch(/reasonCode|chest tightness|vision/);
    const engineView = await as('engine', `ServiceRequest?patient=${olivia}`);
    expect(engineView.status).toBe(200);
    expect(resourcesOf(engineView.body).map((r) => r.id)).toEqual(resourcesOf(clerkView.body).map((r) => r.id));
    expect(JSON.stringify(engineView.body)).not.toMatch(/reasonCode|chest tightness|vision/);
  });

  test('unsupported paths and ids are refused plainly', async () => {
    expect((await as('gp', 'Observation?patient=x')).status).toBe(404);
    expect((await as('gp', 'Condition/not a valid id')).status).toBe(400);
    expect((await as('gp', 'Condition')).status).toBe(400);
    expect((await fhir('Patient', { token: await token('gp'), method: 'DELETE' })).status).toBe(405);
  });
});

describe('AuditEvent', () => {
  test('privacy officers search and read the security log; the FHIR reads are in it; nobody else may (403)', async () => {
    const read = await as('consultant', `Patient/${olivia}`);
    const search = await as('privacyOfficer', `AuditEvent?patient=${olivia}&_count=50`);
    expect(search.status).toBe(200);
    const events = resourcesOf(search.body) as {
      id: string;
      subtype: { code: string }[];
      entity?: { what?: { identifier?: { value?: string } } }[];
    }[];
    expect(events.length).toBeGreaterThan(0);
    const ofRead = events.filter((event) => JSON.stringify(event).includes(read.requestId!));
    expect(ofRead.map((event) => event.subtype[0]!.code)).toContain('patient.read');
    const one = await as('privacyOfficer', `AuditEvent/${events[0]!.id}`);
    expect(one.body).toMatchObject({ resourceType: 'AuditEvent', id: events[0]!.id });
    expect((await as('consultant', `AuditEvent?patient=${olivia}`)).status).toBe(403);
    expect((await as('privacyOfficer', 'AuditEvent/99999999999')).status).toBe(404);
  });
});
