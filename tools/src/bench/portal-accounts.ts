import pg from 'pg';

export interface PortalAccount {
  userId: string;
  roleProfileId: string;
  patientId: string;
}

/**
 * Portal (NHS App) accounts for `count` of the synthetic patients (see bench-data.ts), each signed in to their
 * own record: many patients using the portal at once, as the demo data has only one.
 */
export async function seedPortalAccounts(databaseUrl: string, count: number): Promise<PortalAccount[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ patientId: string; n: string }>(
      `SELECT id AS "patientId", row_number() OVER (ORDER BY nhs_number)::text AS n
         FROM patient.patient WHERE nhs_number >= '9991000000' ORDER BY nhs_number LIMIT $1`,
      [count],
    );
    const accounts = rows.map((row) => ({
      userId: `portal.bench.${row.n}`,
      roleProfileId: `rp-portal-bench-${row.n}`,
      patientId: row.patientId,
    }));
    for (const account of accounts) {
      await client.query('INSERT INTO patient.app_user (id, display_name, patient_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        account.userId,
        `Portal patient ${account.userId}`,
        account.patientId,
      ]);
      await client.query(
        `INSERT INTO patient.role_profile (id, user_id, organisation_id, job_role_code)
         SELECT $1, $2, id, 'PATIENT' FROM patient.organisation WHERE ods_code = 'X26' ON CONFLICT DO NOTHING`,
        [account.roleProfileId, account.userId],
      );
    }
    if (accounts.length < count) throw new Error(`Only ${accounts.length} synthetic patients to give portal accounts to; ${count} wanted.`);
    return accounts;
  } finally {
    await client.end();
  }
}
