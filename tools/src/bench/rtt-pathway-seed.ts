import type pg from 'pg';

export interface RttSeedOptions {
  pathways: number;
  organisation: string;
  census: string;
}

export interface RttSeedVolume {
  pathways: number;
  open: number;
}

const specialties = [
  'Cardiology',
  'Dermatology',
  'Ear Nose and Throat',
  'Gastroenterology',
  'General Surgery',
  'Geriatric Medicine',
  'Gynaecology',
  'Neurology',
  'Neurosurgery',
  'Ophthalmology',
  'Oral Surgery',
  'Plastic Surgery',
  'Respiratory Medicine',
  'Rheumatology',
  'Thoracic Medicine',
  'Trauma and Orthopaedics',
  'Urology',
  'Cardiothoracic Surgery',
  'Paediatrics',
  'Elective Orthopaedics',
];

/**
 * `pathways` referrals with their pathway and one clock period each, for one trust, in four set-based
 * statements. Clock starts lean towards the census date (half within ~15 weeks, the longest ~85 weeks), and
 * about half the clocks are still running: roughly what a large trust's waiting list looks like. Each row's
 * values derive from its number, so a run is reproducible.
 */
export async function seedRttPathways(client: pg.ClientBase, options: RttSeedOptions): Promise<RttSeedVolume> {
  await client.query('SET synchronous_commit = off');
  await client.query(
    `CREATE UNLOGGED TABLE bench_rtt AS
     WITH shape AS (
       SELECT i,
              $3::date - floor(600 * power(((i::bigint * 2654435761) % 1000003) / 1000003.0, 2.5))::int AS started_on,
              (i * 37) % 100 AS bucket,
              (i * 13) % 180 AS length
       FROM generate_series(1, $1::int) AS i
     ), ending AS (
       SELECT *, CASE WHEN bucket >= 55 AND started_on + length <= $3::date THEN started_on + length END AS ended_on FROM shape
     )
     SELECT i, md5('bench-referral:' || i)::uuid AS referral_id, md5('bench-pathway:' || i)::uuid AS pathway_id,
            md5('bench-patient:' || (i % 250000))::uuid AS patient_id, $2::text AS organisation,
            ($4::text[])[1 + i % 20] AS specialty,
            (ARRAY['ROUTINE', 'ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'])[1 + i % 4] AS priority,
            started_on, ended_on,
            CASE WHEN ended_on IS NULL THEN NULL WHEN bucket < 85 THEN 'FIRST_DEFINITIVE_TREATMENT' WHEN bucket < 92 THEN 'ACTIVE_MONITORING'
                 WHEN bucket < 97 THEN 'NULLIFIED' ELSE 'DECISION_NOT_TO_TREAT' END AS end_reason,
            CASE WHEN ended_on IS NULL THEN NULL WHEN bucket < 85 THEN '30' WHEN bucket < 92 THEN '32' WHEN bucket < 97 THEN '33' ELSE '34' END AS end_status,
            ended_on IS NOT NULL AND bucket BETWEEN 75 AND 84 AS admitted,
            CASE WHEN i % 10 < 3 THEN started_on + (length / 2) END AS decision_to_admit_on,
            CASE WHEN ended_on IS NULL THEN 'RUNNING' WHEN bucket < 85 OR bucket >= 97 THEN 'STOPPED' WHEN bucket < 92 THEN 'ACTIVE_MONITORING'
                 ELSE 'NULLIFIED' END AS phase
     FROM ending`,
    [options.pathways, options.organisation, options.census, specialties],
  );
  await client.query(
    `INSERT INTO care_pathway.referral (id, patient_id, receiving_organisation, specialty, priority, received_on, referring_organisation,
       referring_clinician, reason, triage_status)
     SELECT referral_id, patient_id, organisation, specialty, priority::care_pathway.referral_priority, started_on, 'A81001', 'Dr Bench',
            'Benchmark referral', 'ACCEPTED'
     FROM bench_rtt`,
  );
  await client.query(
    `INSERT INTO care_pathway.pathway (id, patient_id, referral_id, organisation, specialty, phase, event_count)
     SELECT pathway_id, patient_id, referral_id, organisation, specialty, phase::care_pathway.clock_phase, 1
     FROM bench_rtt`,
  );
  await client.query(
    `INSERT INTO care_pathway.rtt_period (pathway_id, patient_id, organisation, specialty, ordinal, started_on, start_rule, ended_on,
       end_reason, end_status, admitted, decision_to_admit_on)
     SELECT pathway_id, patient_id, organisation, specialty, 1, started_on, 'REFERRAL', ended_on, end_reason::care_pathway.period_end_reason,
            end_status, admitted, CASE WHEN decision_to_admit_on <= coalesce(ended_on, $1::date) THEN decision_to_admit_on END
     FROM bench_rtt`,
    [options.census],
  );
  const { rows } = await client.query<{ open: number }>('SELECT count(*) FILTER (WHERE ended_on IS NULL)::int AS open FROM bench_rtt');
  await client.query('DROP TABLE bench_rtt');
  // Fresh statistics and visibility map, as autovacuum would leave a table that has settled.
  for (const table of ['referral', 'pathway', 'rtt_period']) await client.query(`VACUUM ANALYZE care_pathway.${table}`);
  return { pathways: options.pathways, open: rows[0]!.open };
}
