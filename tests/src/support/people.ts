import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { graphql, tokenFor, type GraphQLResponse } from './gateway-client.js';
import { stackState } from './stack-state.js';

/** The demo staff and patients (tools/src/seed/demo-data.ts), by what they are in a test: user and role profile. */
export const people = {
  gp: { userId: 'gp.david.lee', roleProfileId: 'rp-lee-a81001' },
  reception: { userId: 'reception.sam.cole', roleProfileId: 'rp-cole-a81001' },
  consultant: { userId: 'dr.amelia.hart', roleProfileId: 'rp-hart-rx1' },
  sessionalGp: { userId: 'dr.amelia.hart', roleProfileId: 'rp-hart-a81001' },
  nurse: { userId: 'nurse.ben.okafor', roleProfileId: 'rp-okafor-rx1' },
  clerk: { userId: 'clerk.chloe.reid', roleProfileId: 'rp-reid-rx1' },
  privacyOfficer: { userId: 'privacy.priya.shah', roleProfileId: 'rp-shah-rx1' },
  caldicott: { userId: 'cg.helen.ward', roleProfileId: 'rp-ward-rx1' },
  analyst: { userId: 'analyst.raj.iyer', roleProfileId: 'rp-iyer-rx1' },
  olivia: { userId: 'olivia.bennett', roleProfileId: 'rp-bennett-portal' },
  wardNurse: { userId: 'nurse.maya.singh', roleProfileId: 'rp-singh-rx1' },
  engine: { userId: 'interface.engine', roleProfileId: 'rp-interface-rx1' },
} as const;

export type Person = keyof typeof people;

/** Someone who can sign in: a demo person, or staff made for one test. */
export interface Staff {
  userId: string;
  roleProfileId: string;
}

export function tokenOf(who: Person | Staff): Promise<string> {
  const { userId, roleProfileId } = typeof who === 'string' ? people[who] : who;
  return tokenFor(userId, roleProfileId);
}

/** Runs one operation through the gateway (the stack's, or the one at `url`) as `who`, and gives back its body. */
export async function as<T = Record<string, any>>(
  who: Person | Staff,
  query: string,
  variables: Record<string, unknown> = {},
  url?: string,
): Promise<GraphQLResponse<T>['body']> {
  return (await graphql<T>(query, { token: await tokenOf(who), variables, ...(url ? { url } : {}) })).body;
}

/**
 * A member of staff made for one test: a new user with one active role profile of `jobRoleCode` at `odsCode`
 * (the organisation is added to the directory if it is not there), in the care teams named by code (made if
 * missing). The directory has no API for the Registration Authority's work yet, so this writes it directly.
 */
export async function staffAt(odsCode: string, jobRoleCode: string, options: { teams?: string[] } = {}): Promise<Staff> {
  const suffix = randomUUID().slice(0, 8);
  const staff = { userId: `test.${jobRoleCode.toLowerCase()}.${suffix}`, roleProfileId: `rp-test-${suffix}` };
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO patient.organisation (ods_code, name) VALUES ($1, $2) ON CONFLICT (ods_code) DO NOTHING', [
      odsCode,
      `Test organisation ${odsCode}`,
    ]);
    const { rows } = await client.query<{ id: string }>('SELECT id FROM patient.organisation WHERE ods_code = $1', [odsCode]);
    const organisationId = rows[0]!.id;
    await client.query('INSERT INTO patient.app_user (id, display_name) VALUES ($1, $2)', [staff.userId, `Test ${jobRoleCode} ${suffix}`]);
    await client.query('INSERT INTO patient.role_profile (id, user_id, organisation_id, job_role_code) VALUES ($1, $2, $3, $4)', [
      staff.roleProfileId,
      staff.userId,
      organisationId,
      jobRoleCode,
    ]);
    for (const code of options.teams ?? []) {
      await client.query('INSERT INTO patient.care_team (code, name, organisation_id) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING', [
        code,
        `Team ${code}`,
        organisationId,
      ]);
      await client.query(
        'INSERT INTO patient.care_team_member (care_team_id, role_profile_id) SELECT id, $2 FROM patient.care_team WHERE code = $1',
        [code, staff.roleProfileId],
      );
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return staff;
}

/**
 * A patient who signs in to the portal (through the NHS App, X26) as the owner of `patientId`'s record, made for
 * one test, so that test's nominations and consents touch no demo patient. Written directly, as for staff.
 */
export async function portalUserOf(patientId: string): Promise<Staff> {
  const suffix = randomUUID().slice(0, 8);
  const user = { userId: `test.patient.${suffix}`, roleProfileId: `rp-test-portal-${suffix}` };
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    await client.query('INSERT INTO patient.app_user (id, display_name, patient_id) VALUES ($1, $2, $3)', [
      user.userId,
      `Test patient ${suffix}`,
      patientId,
    ]);
    await client.query(
      `INSERT INTO patient.role_profile (id, user_id, organisation_id, job_role_code)
       SELECT $1, $2, id, 'PATIENT' FROM patient.organisation WHERE ods_code = 'X26'`,
      [user.roleProfileId, user.userId],
    );
  } finally {
    await client.end();
  }
  return user;
}

/** The id of a care team by its code (e.g. `CARD-RX1`). */
export async function careTeamId(code: string): Promise<string> {
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM patient.care_team WHERE code = $1', [code]);
    if (!rows[0]) throw new Error(`No care team ${code}`);
    return rows[0].id;
  } finally {
    await client.end();
  }
}

/** A second role profile, `jobRoleCode` at `odsCode` (already in the directory), for staff made for one test. */
export async function anotherRoleFor(staff: Staff, odsCode: string, jobRoleCode: string): Promise<Staff> {
  const role = { userId: staff.userId, roleProfileId: `rp-test-${randomUUID().slice(0, 8)}` };
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO patient.role_profile (id, user_id, organisation_id, job_role_code)
       SELECT $1, $2, id, $4 FROM patient.organisation WHERE ods_code = $3`,
      [role.roleProfileId, role.userId, odsCode, jobRoleCode],
    );
  } finally {
    await client.end();
  }
  return role;
}
