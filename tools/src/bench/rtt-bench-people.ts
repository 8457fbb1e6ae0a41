import type pg from 'pg';

/**
 * The bench trust's booking clerk (R8010 at RBENCH): reports answer for the caller's own organisation, so the
 * bench reads them as staff of the trust it seeded, as a booking office would.
 */
export async function seedBenchClerk(client: pg.ClientBase, organisation: string): Promise<{ userId: string; roleProfileId: string }> {
  const clerk = { userId: 'bench.clerk', roleProfileId: 'rp-bench-clerk' };
  await client.query('INSERT INTO patient.organisation (ods_code, name) VALUES ($1, $2) ON CONFLICT (ods_code) DO NOTHING', [
    organisation,
    `Benchmark trust ${organisation}`,
  ]);
  await client.query('INSERT INTO patient.app_user (id, display_name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    clerk.userId,
    'Bench Clerk',
  ]);
  await client.query(
    `INSERT INTO patient.role_profile (id, user_id, organisation_id, job_role_code)
     SELECT $1, $2, id, 'R8010' FROM patient.organisation WHERE ods_code = $3 ON CONFLICT DO NOTHING`,
    [clerk.roleProfileId, clerk.userId, organisation],
  );
  return clerk;
}

/**
 * The patients the bench pathways belong to (`md5('bench-patient:' || n)`, n < `count`), in the master patient
 * index with NHS numbers from the never-issued 999 range (those whose Modulus 11 check digit exists), so the
 * tracking-list export joins real numbers. Written straight into the table, through its triggers.
 */
export async function seedBenchPatients(client: pg.ClientBase, count: number): Promise<void> {
  await client.query(
    `INSERT INTO patient.patient (id, nhs_number, given_name, family_name, birth_date, updated_at)
     SELECT md5('bench-patient:' || i)::uuid,
            CASE WHEN n.check_digit < 10 THEN n.base::text || n.check_digit END,
            'Bench', 'Patient' || i, date '1940-01-01' + (i % 30000), now()
       FROM generate_series(0, $1::int - 1) AS i
      CROSS JOIN LATERAL (SELECT 999500000 + i AS base) b
      CROSS JOIN LATERAL (
        SELECT b.base, (11 - (SELECT sum((b.base / (10 ^ (8 - k))::bigint % 10) * (10 - k)) FROM generate_series(0, 8) AS k)::int % 11) % 11 AS check_digit
      ) n`,
    [count],
  );
  await client.query('VACUUM ANALYZE patient.patient');
}
