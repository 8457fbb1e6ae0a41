import pg from 'pg';
import { appointments, organisations, patients, referrals, users } from './demo-data.js';
import { seedAccessControl } from './access-control.js';

/**
 * Writes the demo data into each subgraph's own schema. Idempotent: fixed ids and ON CONFLICT DO NOTHING,
 * so `npm start` can seed on every run without duplicating or overwriting anything a user changed.
 */
export async function seedDemoData(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const o of organisations) {
      await client.query('INSERT INTO patient.organisation (id, ods_code, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [o.id, o.odsCode, o.name]);
    }
    const orgId = new Map(organisations.map((o) => [o.odsCode, o.id]));
    for (const u of users) {
      await client.query('INSERT INTO patient.app_user (id, display_name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [u.id, u.displayName]);
      for (const r of u.roleProfiles) {
        await client.query(
          'INSERT INTO patient.role_profile (id, user_id, organisation_id, job_role_code) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [r.id, u.id, orgId.get(r.odsCode), r.jobRoleCode],
        );
      }
    }
    for (const p of patients) {
      await client.query(
        `INSERT INTO patient.patient (id, nhs_number, given_name, family_name, birth_date, updated_at)
         VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT DO NOTHING`,
        [p.id, p.nhsNumber, p.givenName, p.familyName, p.birthDate],
      );
    }
    for (const r of referrals) {
      await client.query(
        `INSERT INTO care_pathway.referral (id, patient_id, receiving_organisation, specialty, priority, received_on)
         VALUES ($1, $2, $3, $4, $5::care_pathway.referral_priority, $6) ON CONFLICT DO NOTHING`,
        [r.id, r.patientId, r.receivingOrganisation, r.specialty, r.priority, r.receivedOn],
      );
    }
    for (const a of appointments) {
      await client.query(
        `INSERT INTO scheduling.appointment (id, patient_id, organisation, clinic_name, starts_at, status)
         VALUES ($1, $2, $3, $4, $5, $6::scheduling.appointment_status) ON CONFLICT DO NOTHING`,
        [a.id, a.patientId, a.organisation, a.clinicName, a.startsAt, a.status],
      );
    }
    await seedAccessControl(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
