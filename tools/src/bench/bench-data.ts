import pg from 'pg';
import { organisations, patients, users } from '../seed/demo-data.js';
import { clinician, type SeededData } from './operations.js';

const familyNames = ['Bennett', 'Smith', 'Patel', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Khan', 'Davies', 'Evans', 'Roberts'];
const givenNames = ['Olivia', 'Amelia', 'Isla', 'Ava', 'Noah', 'Oliver', 'George', 'Arthur', 'Muhammad', 'Leo', 'Freya', 'Harry'];

/**
 * Adds `count` synthetic patients, each with one referral and one appointment, in three set-based statements
 * (generate_series), so search and the lists run over realistic table sizes. NHS numbers are in the
 * never-issued 999 range with a valid Modulus 11 check digit. Returns what could not be seeded, if anything:
 * a table another engineer is still reshaping must not stop the benchmark.
 */
export async function seedVolume(databaseUrl: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const problems: string[] = [];
  const statements: [table: string, sql: string, params: unknown[]][] = [
    [
      'patient.patient',
      `WITH numbered AS (
         SELECT g, '999' || lpad((100000 + g)::text, 6, '0') AS base FROM generate_series(1, $1::int) AS g
       ), checked AS (
         SELECT g, base, 11 - (SELECT sum(substr(base, i, 1)::int * (11 - i)) FROM generate_series(1, 9) AS i) % 11 AS c FROM numbered
       )
       INSERT INTO patient.patient (id, nhs_number, given_name, family_name, birth_date, updated_at)
       SELECT gen_random_uuid(), base || CASE WHEN c = 11 THEN '0' ELSE c::text END,
              ($2::text[])[1 + g % cardinality($2::text[])], ($3::text[])[1 + (g / 7) % cardinality($3::text[])],
              date '1930-01-01' + (g * 37) % 30000, now()
         FROM checked WHERE c <> 10
       ON CONFLICT DO NOTHING`,
      [count, givenNames, familyNames],
    ],
    [
      'care_pathway.referral',
      `INSERT INTO care_pathway.referral (id, patient_id, receiving_organisation, specialty, priority, received_on)
       SELECT gen_random_uuid(), p.id, $1, (ARRAY['Cardiology', 'Dermatology', 'Orthopaedics', 'Ophthalmology'])[1 + abs(hashtext(p.id::text)) % 4],
              'ROUTINE'::care_pathway.referral_priority, current_date - abs(hashtext(p.id::text)) % 300
         FROM patient.patient AS p
        WHERE p.nhs_number >= '9991000000' AND NOT EXISTS (SELECT 1 FROM care_pathway.referral AS r WHERE r.patient_id = p.id)`,
      [organisations[0].odsCode],
    ],
    [
      'scheduling.appointment',
      `INSERT INTO scheduling.appointment (id, patient_id, organisation, clinic_name, starts_at, status)
       SELECT gen_random_uuid(), p.id, $1, 'Outpatients', now() + (abs(hashtext(p.id::text)) % 90) * interval '1 day', 'BOOKED'::scheduling.appointment_status
         FROM patient.patient AS p
        WHERE p.nhs_number >= '9991000000' AND NOT EXISTS (SELECT 1 FROM scheduling.appointment AS a WHERE a.patient_id = p.id)`,
      [organisations[0].odsCode],
    ],
  ];
  try {
    for (const [table, sql, params] of statements) {
      try {
        await client.query(sql, params);
      } catch (error) {
        problems.push(`${table}: ${(error as Error).message}`);
      }
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  return problems;
}

/** The ids and names the operations ask about: the demo patients (who have relationships and history) and any pathways. */
export async function seededData(databaseUrl: string): Promise<SeededData> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query<{ exists: boolean }>(`SELECT to_regclass('care_pathway.pathway') IS NOT NULL AS exists`);
    const pathways = table.rows[0]?.exists
      ? // Pathways the timeline's caller may read: relationships now come from the care process, held by the clinician
        // or one of her teams, so the organisation's other pathways would only measure refusals.
        await client.query<{ id: string }>(
          `SELECT pw.id FROM care_pathway.pathway pw
            WHERE pw.organisation = $1
              AND EXISTS (SELECT 1 FROM access_control.legitimate_relationship lr
                           WHERE lr.patient_id = pw.patient_id AND lr.ended_at IS NULL AND (lr.expires_at IS NULL OR lr.expires_at > now())
                             AND ((lr.holder_kind = 'USER' AND lr.holder_id = $2)
                               OR (lr.holder_kind = 'TEAM' AND lr.holder_id IN (SELECT m.care_team_id::text FROM patient.care_team_member m
                                                                                 WHERE m.role_profile_id = $3))))
            ORDER BY pw.id LIMIT 50`,
          [organisations[0].odsCode, clinician.userId, clinician.roleProfileId],
        )
      : { rows: [] };
    const portalPatientId = users.find((u) => u.patientId !== undefined)?.patientId;
    if (!portalPatientId) throw new Error('The demo directory has no patient with a portal account.');
    return {
      portalPatientId,
      patientIds: patients.map((p) => p.id),
      familyNames: [...new Set([...patients.map((p) => p.familyName), ...familyNames])],
      pathwayIds: pathways.rows.map((r) => r.id),
      organisation: organisations[0].odsCode,
    };
  } finally {
    await client.end();
  }
}
