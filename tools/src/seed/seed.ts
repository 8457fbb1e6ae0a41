import pg from 'pg';
import { organisations, users } from './demo-data.js';
import { seedPatientRecord } from './patient-record-seed.js';
import { seedCarePathways } from './care-pathway-seed.js';
import { seedScheduling } from './scheduling-seed.js';
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
      await client.query('INSERT INTO patient.organisation (id, ods_code, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        o.id,
        o.odsCode,
        o.name,
      ]);
    }
    const orgId = new Map(organisations.map((o) => [o.odsCode, o.id]));
    for (const u of users) {
      await client.query('INSERT INTO patient.app_user (id, display_name, patient_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        u.id,
        u.displayName,
        u.patientId ?? null,
      ]);
      for (const r of u.roleProfiles) {
        await client.query(
          'INSERT INTO patient.role_profile (id, user_id, organisation_id, job_role_code) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [r.id, u.id, orgId.get(r.odsCode), r.jobRoleCode],
        );
      }
    }
    await seedPatientRecord(client);
    await seedCarePathways(client);
    await seedScheduling(client);
    await seedAccessControl(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
