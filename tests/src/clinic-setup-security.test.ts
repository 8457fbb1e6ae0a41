import { randomUUID } from 'node:crypto';
import { anotherRoleFor, as, staffAt, tokenOf, type Staff } from './support/people.js';
import { graphql } from './support/gateway-client.js';
import { withDatabase } from './support/security-log.js';
import { bookMutation, client, hoursFromNow, uniqueService } from './scheduling-fixtures.js';

/*
 * Who runs a clinic decides who every booking into it relates to the patient (README "Where relationships come
 * from"), so set-up is checked against the directory: a clinic's clinician holds an active clinician role at the
 * clinic's organisation, and its team is one of that organisation's. Every set-up write commits with its one
 * security-log row. Through the real gateway.
 */
const suffix = randomUUID().slice(0, 6).toUpperCase();
const teamCode = `CS-${suffix}`;
let clerk: Staff;
let clinician: Staff;
let otherClerk: Staff;

beforeAll(async () => {
  clerk = await staffAt('RX1', 'R8010');
  clinician = await staffAt('RX1', 'R8000', { teams: [teamCode] });
  otherClerk = await staffAt(`CS${suffix.slice(0, 4)}`, 'R8010');
});

type Body<T> = Awaited<ReturnType<typeof graphql<T>>>['body'];

/** One operation as `who`, tagged with a correlation id of its own so its security-log rows can be found. */
async function tagged<T>(who: Staff, query: string, variables: Record<string, unknown>): Promise<{ body: Body<T>; rows: LogRow[] }> {
  const correlationId = `clinic-setup-${randomUUID()}`;
  const { body } = await graphql<T>(query, { token: await tokenOf(who), variables, headers: { 'x-request-id': correlationId } });
  return { body, rows: await logRowsOf(correlationId) };
}

interface LogRow {
  action: string;
  outcome: string;
  patient_id: string | null;
  items: string[];
}

function logRowsOf(correlationId: string): Promise<LogRow[]> {
  return withDatabase(async (db) => {
    const { rows } = await db.query<LogRow>(
      `SELECT action, outcome::text, patient_id, items FROM audit.access_event WHERE correlation_id = $1 ORDER BY seq`,
      [correlationId],
    );
    return rows;
  });
}

/** What set-up has written: clinics, templates, sessions, and clinic actions in the security log. */
function setupSnapshot(): Promise<unknown> {
  return withDatabase(async (db) => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM scheduling.clinic) AS clinics,
              (SELECT count(*) FROM scheduling.session_template) AS templates,
              (SELECT count(*) FROM scheduling.clinic_session) AS sessions,
              (SELECT count(*) FROM audit.access_event WHERE action LIKE 'clinic.%') AS logged`,
    );
    return rows[0];
  });
}

const createClinic = `mutation ($input: CreateClinicInput!) { createClinic(input: $input) { id clinicianId teamCode } }`;
const clinicInput = (runBy: { clinicianId?: string; teamCode?: string }) => ({
  name: 'Respiratory clinic',
  service: uniqueService('Respiratory'),
  location: 'Outpatients B',
  ...runBy,
});

describe('who may run a clinic', () => {
  test.each([
    ['a clinician of another organisation', async () => (await staffAt(`CX${suffix.slice(0, 4)}`, 'R8000')).userId],
    ['a user id nobody holds', async () => `nobody.${suffix.toLowerCase()}`],
    ['a booking clerk of the clinic’s own organisation', async () => (await staffAt('RX1', 'R8010')).userId],
    ['a governance role that only reads the record (Caldicott Guardian)', async () => (await staffAt('RX1', 'R5105')).userId],
    [
      'a clinician elsewhere who is only a clerk here',
      async () => (await anotherRoleFor(await staffAt(`CY${suffix.slice(0, 4)}`, 'R8000'), 'RX1', 'R8010')).userId,
    ],
    [
      'a clinician whose role profile here has been ended',
      async () => {
        const ended = await staffAt('RX1', 'R8000');
        await withDatabase((db) => db.query('UPDATE patient.role_profile SET active = false WHERE id = $1', [ended.roleProfileId]));
        return ended.userId;
      },
    ],
  ])('%s is refused as the clinician, and nothing is written', async (_label, clinicianOf) => {
    const clinicianId = await clinicianOf();
    const before = await setupSnapshot();
    const refused = await as(clerk, createClinic, { input: clinicInput({ clinicianId }) });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors![0]).toMatchObject({
      message: expect.stringMatching(/does not hold an active clinical role at RX1.*clinician of your organisation/),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.clinicianId' },
    });
    expect(await setupSnapshot()).toEqual(before);
  });

  test('a team of another organisation is refused, and nothing is written', async () => {
    const foreignTeam = `CSX-${suffix}`;
    await staffAt(`CZ${suffix.slice(0, 4)}`, 'R8000', { teams: [foreignTeam] });
    const before = await setupSnapshot();
    for (const runBy of [
      { teamCode: foreignTeam },
      { clinicianId: clinician.userId, teamCode: foreignTeam },
      { teamCode: `NONE-${suffix}` },
    ]) {
      const refused = await as(clerk, createClinic, { input: clinicInput(runBy) });
      expect(refused.errors![0]).toMatchObject({
        message: expect.stringMatching(/RX1 has no care team with code/),
        extensions: { code: 'BAD_USER_INPUT', field: 'input.teamCode' },
      });
    }
    expect(await setupSnapshot()).toEqual(before);
  });

  test('a clerk of another organisation cannot name this organisation’s clinician: the clinic would be theirs, not RX1’s', async () => {
    const refused = await as(otherClerk, createClinic, { input: clinicInput({ clinicianId: clinician.userId }) });
    expect(refused.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.clinicianId' } });
  });

  test('a clinician of the organisation runs the clinic: each set-up write logs one row, and a booking relates the clinician', async () => {
    const created = await tagged<{ createClinic: { id: string; clinicianId: string } }>(clerk, createClinic, {
      input: clinicInput({ clinicianId: clinician.userId, teamCode }),
    });
    expect(created.body.errors).toBeUndefined();
    const clinicId = created.body.data!.createClinic.id;
    expect(created.rows).toEqual([{ action: 'clinic.create', outcome: 'ALLOWED', patient_id: null, items: [`Clinic:${clinicId}`] }]);

    const year = new Date().getUTCFullYear() + 1;
    const template = await tagged<{ addSessionTemplate: { id: string } }>(
      clerk,
      `mutation ($input: AddSessionTemplateInput!) { addSessionTemplate(input: $input) { id } }`,
      { input: { clinicId, weekday: 2, startTime: '09:00', slotMinutes: 30, slotCount: 2, slotKind: 'NEW', validFrom: `${year}-01-01` } },
    );
    expect(template.body.errors).toBeUndefined();
    const templateId = template.body.data!.addSessionTemplate.id;
    expect(template.rows).toEqual([
      {
        action: 'clinic.template.add',
        outcome: 'ALLOWED',
        patient_id: null,
        items: [`Clinic:${clinicId}`, `SessionTemplate:${templateId}`],
      },
    ]);

    const generated = await tagged<{ generateClinicSessions: { sessionsCreated: number } }>(
      clerk,
      `mutation ($input: GenerateClinicSessionsInput!) { generateClinicSessions(input: $input) { sessionsCreated } }`,
      { input: { clinicId, from: `${year}-01-01`, to: `${year}-01-31` } },
    );
    expect(generated.body.errors).toBeUndefined();
    expect(generated.body.data!.generateClinicSessions.sessionsCreated).toBeGreaterThan(3);
    expect(generated.rows).toEqual([
      {
        action: 'clinic.sessions.generate',
        outcome: 'ALLOWED',
        patient_id: null,
        items: [`Clinic:${clinicId}`, `SessionTemplate:${templateId}`],
      },
    ]);

    const added = await tagged<{ addClinicSession: { id: string }[] }>(
      clerk,
      `mutation ($input: AddClinicSessionInput!) { addClinicSession(input: $input) { id } }`,
      { input: { clinicId, startsAt: hoursFromNow(24 * 9).toISOString(), slotMinutes: 15, slotCount: 1, slotKind: 'NEW' } },
    );
    expect(added.body.errors).toBeUndefined();
    const sessionIds = await withDatabase(
      async (db) =>
        (
          await db.query<{ session_id: string }>('SELECT session_id FROM scheduling.slot WHERE id = $1', [
            added.body.data!.addClinicSession[0]!.id,
          ])
        ).rows,
    );
    expect(added.rows).toEqual([
      {
        action: 'clinic.session.add',
        outcome: 'ALLOWED',
        patient_id: null,
        items: [`Clinic:${clinicId}`, `ClinicSession:${sessionIds[0]!.session_id}`],
      },
    ]);

    const registered = await as<{ registerPatient: { id: string } }>(
      'reception',
      `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`,
      { input: { givenName: 'Carys', familyName: `Clinic${suffix}`, birthDate: '1971-04-02', registeredGpPractice: 'A81001' } },
    );
    const patientId = registered.data!.registerPatient.id;
    const booked = await client(await tokenOf(clerk))(bookMutation, {
      input: { patientId, slotId: added.body.data!.addClinicSession[0]!.id },
    });
    expect(booked.errors).toBeUndefined();
    const relationships = await withDatabase(
      async (db) =>
        (
          await db.query<{ holder_kind: string; holder_id: string }>(
            `SELECT holder_kind::text, holder_id FROM access_control.legitimate_relationship WHERE patient_id = $1 AND type = 'BOOKING'`,
            [patientId],
          )
        ).rows,
    );
    expect(relationships).toEqual([{ holder_kind: 'USER', holder_id: clinician.userId }]);
  });

  test('a set-up write whose security-log row cannot be written is not saved', async () => {
    const created = await as<{ createClinic: { id: string } }>(clerk, createClinic, {
      input: clinicInput({ clinicianId: clinician.userId }),
    });
    const clinicId = created.data!.createClinic.id;
    const before = await setupSnapshot();
    await withDatabase((db) => db.query('REVOKE EXECUTE ON FUNCTION audit.append_access_events(jsonb, bytea) FROM epr_audit_writer'));
    let refused: { errors?: { extensions?: Record<string, unknown> }[] }[];
    try {
      refused = [
        await as(clerk, createClinic, { input: clinicInput({ clinicianId: clinician.userId }) }),
        await as(clerk, `mutation ($input: AddClinicSessionInput!) { addClinicSession(input: $input) { id } }`, {
          input: { clinicId, startsAt: hoursFromNow(24 * 10).toISOString(), slotMinutes: 15, slotCount: 1, slotKind: 'NEW' },
        }),
      ];
    } finally {
      await withDatabase((db) => db.query('GRANT EXECUTE ON FUNCTION audit.append_access_events(jsonb, bytea) TO epr_audit_writer'));
    }
    expect(refused.map((body) => body.errors?.[0]?.extensions?.['code'])).toEqual(['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);
    expect(await setupSnapshot()).toEqual(before);
  });
});
