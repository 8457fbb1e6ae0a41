import pg from 'pg';

const BATCH = 10_000;

/**
 * Fills the security log with `count` chained events through the real append function, set-based: each call
 * builds a batch of 10,000 events with generate_series and the database chains them. One event in fifty is
 * a denial; 500 users and 20,000 patients, so filters by user or patient pick realistic slices.
 */
export async function seedSecurityLog(databaseUrl: string, key: Buffer, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'epr-bench-audit-seed' });
  await client.connect();
  try {
    for (let from = 1; from <= count; from += BATCH) {
      await client.query(
        `SELECT audit.append_access_events((
           SELECT jsonb_agg(jsonb_build_object(
             'subgraph', 'patient', 'action', 'patient.read', 'outcome', CASE WHEN i % 50 = 0 THEN 'DENIED' ELSE 'ALLOWED' END,
             'user_id', 'bench.user.' || (i % 500), 'role_profile_id', 'rp-bench-' || (i % 500), 'job_role_code', 'R8000',
             'organisation', 'RX1', 'patient_id', md5('bench-patient-' || (i % 20000))::uuid,
             'items', jsonb_build_array('Problem:' || i), 'basis_kind', 'RELATIONSHIP', 'basis_detail', 'REFERRAL',
             'request_id', 'bench-seed-' || i))
             FROM generate_series($1::int, $2::int) AS i), $3)`,
        [from, Math.min(count, from + BATCH - 1), key],
      );
    }
    await client.query('ANALYZE audit.access_event');
  } finally {
    await client.end();
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of one statement, as text. */
export async function explain(databaseUrl: string, sql: string, params: unknown[], settings: Record<string, string> = {}): Promise<string> {
  const options = Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'epr-bench-explain', ...(options ? { options } : {}) });
  await client.connect();
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}
