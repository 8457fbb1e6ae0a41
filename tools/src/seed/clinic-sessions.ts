import type pg from 'pg';

/**
 * Generates the sessions and slots of session templates over a period, set-based: two statements, however
 * many templates and days (the demo seed and the scheduling benchmark use it; the scheduling subgraph plans
 * sessions of a single clinic in TypeScript). Template times are UK wall-clock times, GMT or BST by date.
 * Ids derive from template, date and slot number, so running it again adds nothing.
 */
export async function generateTemplateSessions(
  client: pg.ClientBase,
  period: { from: string; to: string },
  templateIds?: readonly string[],
): Promise<void> {
  const params = [templateIds ?? null, period.from, period.to];
  await client.query(
    `INSERT INTO scheduling.clinic_session (id, clinic_id, template_id, starts_at, ends_at)
     SELECT md5(t.id::text || ':' || day::date)::uuid, t.clinic_id, t.id, start.at,
            start.at + make_interval(mins => t.slot_minutes * t.slot_count)
       FROM scheduling.session_template t
      CROSS JOIN generate_series($2::date, $3::date, interval '1 day') AS day
      CROSS JOIN LATERAL (SELECT (day::date + make_interval(mins => t.start_minute)) AT TIME ZONE 'Europe/London' AS at) AS start
      WHERE ($1::uuid[] IS NULL OR t.id = ANY ($1::uuid[]))
        AND extract(isodow FROM day) = t.weekday
        AND day::date >= t.valid_from AND (t.valid_until IS NULL OR day::date <= t.valid_until)
     ON CONFLICT DO NOTHING`,
    params,
  );
  await client.query(
    `INSERT INTO scheduling.slot (id, session_id, clinic_id, organisation, service, starts_at, minutes, capacity, kind)
     SELECT md5(s.id::text || ':' || n)::uuid, s.id, c.id, c.organisation, c.service,
            s.starts_at + make_interval(mins => n * t.slot_minutes), t.slot_minutes, t.slot_capacity, t.slot_kind
       FROM scheduling.clinic_session s
       JOIN scheduling.session_template t ON t.id = s.template_id
       JOIN scheduling.clinic c ON c.id = s.clinic_id
      CROSS JOIN LATERAL generate_series(0, t.slot_count - 1) AS n
      WHERE ($1::uuid[] IS NULL OR t.id = ANY ($1::uuid[]))
        AND s.starts_at >= $2::date - interval '1 day' AND s.starts_at < $3::date + interval '2 days'
     ON CONFLICT DO NOTHING`,
    params,
  );
}
