import { as } from './support/people.js';
import { openAlertsAbout } from './support/practice-patients.js';
import type { GraphQLResponse } from './support/gateway-client.js';

/*
 * Admissions and discharges as a PAS feed records them (the interface engine's role), the ADMISSION legitimate
 * relationship they make and end, and HL7 v2 messages applied once. The patients are registered by the GP
 * practice, so nobody at the hospital has a relationship with them before an admission.
 */
type Response<T> = GraphQLResponse<T>['body'];

const register = `mutation ($input: RegisterPatientInput!, $message: InterfaceMessageInput) { registerPatient(input: $input, message: $message) { id } }`;
const admit = `mutation ($input: AdmitPatientInput!, $message: InterfaceMessageInput) {
  admitPatient(input: $input, message: $message) { id ward careTeam { code } organisation { odsCode } admittedAt dischargedAt }
}`;
const discharge = `mutation ($input: DischargePatientInput!, $message: InterfaceMessageInput) {
  dischargePatient(input: $input, message: $message) { id dischargedAt }
}`;
const problems = `query ($id: ID!) { patient(id: $id) { problems { code { term } } } }`;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

async function registeredAtPractice(familyName: string): Promise<string> {
  const registered = await as<{ registerPatient: { id: string } }>('reception', register, {
    input: { givenName: 'Ada', familyName, birthDate: '1950-05-05', registeredGpPractice: 'A81001' },
  });
  expect(registered.errors).toBeUndefined();
  const id = registered.data!.registerPatient.id;
  const written = await as('gp', `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`, {
    input: { patientId: id, code: { conceptId: '38341003', term: 'Hypertensive disorder' } },
  });
  expect(written.errors).toBeUndefined();
  return id;
}

function codes(response: Response<unknown>): unknown[] {
  return (response.errors ?? []).map((e) => e.extensions?.['code']);
}

describe('admissions', () => {
  test('an admission to a ward that is not a care team opens the record to the organisation; discharge ends it after the grace period', async () => {
    const patientId = await registeredAtPractice('Admissova');
    expect(codes(await as('consultant', problems, { id: patientId }))).toEqual(['FORBIDDEN']);

    const admitted = await as<{ admitPatient: Record<string, unknown> }>('engine', admit, {
      input: { patientId, ward: 'AMU', admittedAt: hoursAgo(72), visitNumber: 'V-1001' },
    });
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data!.admitPatient).toMatchObject({
      ward: 'AMU',
      careTeam: null,
      organisation: { odsCode: 'RX1' },
      dischargedAt: null,
    });
    const open = await as<{ patient: { problems: unknown[] } }>('consultant', problems, { id: patientId });
    expect(open.errors).toBeUndefined();
    expect(open.data!.patient.problems).toEqual([{ code: { term: 'Hypertensive disorder' } }]);
    // The whole organisation now reaches the record: the privacy officer is told.
    expect(await openAlertsAbout(patientId)).toEqual(['ADMISSION_ORGANISATION_WIDE']);

    // A discharge two days ago: the 24-hour grace after it is over, so the relationship has lapsed.
    const discharged = await as('engine', discharge, { input: { patientId, dischargedAt: hoursAgo(48) } });
    expect(discharged.errors).toBeUndefined();
    expect(codes(await as('consultant', problems, { id: patientId }))).toEqual(['FORBIDDEN']);
    const stays = await as<{ patient: { admissions: Record<string, unknown>[] } }>(
      'clerk',
      `query ($id: ID!) { patient(id: $id) { admissions { ward visitNumber admittedAt dischargedAt } } }`,
      { id: patientId },
    );
    expect(stays.data!.patient.admissions).toEqual([
      { ward: 'AMU', visitNumber: 'V-1001', admittedAt: expect.any(String), dischargedAt: expect.any(String) },
    ]);
  });

  test('a discharge within the grace period keeps the record open for now', async () => {
    const patientId = await registeredAtPractice('Gracewell');
    expect((await as('engine', admit, { input: { patientId, ward: 'AMU', admittedAt: hoursAgo(5) } })).errors).toBeUndefined();
    expect((await as('engine', discharge, { input: { patientId, dischargedAt: hoursAgo(1) } })).errors).toBeUndefined();
    expect((await as('consultant', problems, { id: patientId })).errors).toBeUndefined();
  });

  test('an admission to a ward that is a care team opens the record to that team only', async () => {
    const patientId = await registeredAtPractice('Wardley');
    const admitted = await as<{ admitPatient: { careTeam: { code: string } } }>('engine', admit, {
      input: { patientId, ward: 'WARD7-RX1', admittedAt: hoursAgo(2) },
    });
    expect(admitted.data!.admitPatient.careTeam).toEqual({ code: 'WARD7-RX1' });
    expect((await as('wardNurse', problems, { id: patientId })).errors).toBeUndefined();
    expect(codes(await as('consultant', problems, { id: patientId }))).toEqual(['FORBIDDEN']);
    // The care process at work, within one team: nothing for the privacy officer.
    expect(await openAlertsAbout(patientId)).toEqual([]);
  });

  test('a clinical team named as the ward is no ward: the admission relates the organisation, alerted, not that team quietly', async () => {
    const patientId = await registeredAtPractice('Notaward');
    const admitted = await as<{ admitPatient: { careTeam: unknown } }>('clerk', admit, {
      input: { patientId, ward: 'CARDIO-RX1', admittedAt: hoursAgo(1) },
    });
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data!.admitPatient.careTeam).toBeNull();
    expect(await openAlertsAbout(patientId)).toEqual(['ADMISSION_ORGANISATION_WIDE']);
  });

  test('an organisation-wide admission is no standing to refer: the referral would outlive the discharge', async () => {
    const patientId = await registeredAtPractice('Nostanding');
    expect((await as('clerk', admit, { input: { patientId, ward: 'NOT-A-WARD', admittedAt: hoursAgo(1) } })).errors).toBeUndefined();
    expect((await as('consultant', problems, { id: patientId })).errors).toBeUndefined();
    const referral = await as('consultant', `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id } }`, {
      input: {
        patientId,
        referringOrganisation: 'RX1',
        referringClinician: 'Dr Amelia Hart',
        receivingOrganisation: 'RX1',
        specialty: 'Dermatology',
        priority: 'ROUTINE',
        reason: 'Rash.',
        receivedOn: new Date().toISOString().slice(0, 10),
      },
    });
    expect(codes(referral)).toEqual(['FORBIDDEN']);
  });

  test('a booking clerk admitting to a ward that is no team is alerted too: the way to reach a record it would make', async () => {
    const patientId = await registeredAtPractice('Clerkadmit');
    const admitted = await as('clerk', admit, { input: { patientId, ward: 'NOT-A-TEAM', admittedAt: hoursAgo(1) } });
    expect(admitted.errors).toBeUndefined();
    expect(await openAlertsAbout(patientId)).toEqual(['ADMISSION_ORGANISATION_WIDE']);
  });

  test('one open admission per organisation; a discharge needs one, and cannot precede it', async () => {
    const patientId = await registeredAtPractice('Twicer');
    expect(codes(await as('engine', discharge, { input: { patientId, dischargedAt: hoursAgo(1) } }))).toEqual(['CONFLICT']);
    expect((await as('engine', admit, { input: { patientId, ward: 'AMU', admittedAt: hoursAgo(3) } })).errors).toBeUndefined();
    expect(codes(await as('engine', admit, { input: { patientId, ward: 'AMU', admittedAt: hoursAgo(2) } }))).toEqual(['CONFLICT']);
    const early = await as('engine', discharge, { input: { patientId, dischargedAt: hoursAgo(4) } });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dischargedAt' });
    const future = await as('engine', admit, {
      input: { patientId, ward: 'AMU', admittedAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(future.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.admittedAt' });
  });

  test('roles: a clinician may not record admissions; the interface engine reads no clinical content', async () => {
    const patientId = await registeredAtPractice('Rolesby');
    expect(codes(await as('consultant', admit, { input: { patientId, ward: 'AMU', admittedAt: hoursAgo(1) } }))).toEqual(['FORBIDDEN']);
    const engineView = await as<{ patient: Record<string, unknown> }>(
      'engine',
      `query ($id: ID!) { patient(id: $id) { name { family } problems { id } allergies { id } sealedItems { id } referrals { id } appointments { id } } }`,
      { id: patientId },
    );
    expect(engineView.data!.patient['name']).toEqual({ family: 'Rolesby' });
    // The engine receives referrals from e-RS (referrals.receive_feed), so it lists them — without their clinical reason.
    expect(engineView.data!.patient['referrals']).toEqual([]);
    expect(codes(engineView).sort()).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(JSON.stringify(engineView.data)).not.toMatch(/Hypertensive/);
  });
});

describe('HL7 v2 messages are applied once', () => {
  const message = (controlId: string, type = 'ADT^A28') => ({ sender: 'PAS^RX1', controlId, type });

  test('the same message again changes nothing and is named a duplicate', async () => {
    const controlId = `T-${Date.now()}`;
    const input = { givenName: 'Dupont', familyName: 'Onceonly', birthDate: '1980-01-01' };
    const first = await as<{ registerPatient: { id: string } }>('engine', register, { input, message: message(controlId) });
    expect(first.errors).toBeUndefined();
    const again = await as('engine', register, { input, message: message(controlId) });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'message.controlId' });
    expect(again.errors![0]!.message).toMatch(/already applied/);
    const found = await as<{ searchPatients: { edges: unknown[] } }>(
      'engine',
      `{ searchPatients(criteria: { familyName: "Onceonly", birthDate: "1980-01-01" }) { edges { node { id } } } }`,
    );
    expect(found.data!.searchPatients.edges).toHaveLength(1);
  });

  test('a refused change does not use up its message: corrected and sent again, it is applied', async () => {
    const controlId = `T-${Date.now()}-retry`;
    const bad = await as('engine', register, {
      input: { nhsNumber: '9990000019', givenName: 'Bad', familyName: 'Checkdigit', birthDate: '1980-01-01' },
      message: message(controlId),
    });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.nhsNumber' });
    const good = await as('engine', register, {
      input: { givenName: 'Good', familyName: 'Checkdigit', birthDate: '1980-01-01' },
      message: message(controlId),
    });
    expect(good.errors).toBeUndefined();
  });
});
