import type pg from 'pg';
import { generateTemplateSessions } from '../seed/clinic-sessions.js';

export interface ClinicYear {
  services: number;
  /** Providers running each service (ODS codes BENCH01, BENCH02, …). */
  organisations: number;
  /** The first Monday of the year of clinics. */
  from: Date;
}

export const serviceName = (n: number) => `Bench service ${String(n).padStart(3, '0')}`;
export const organisationCode = (n: number) => `BENCH${String(n).padStart(2, '0')}`;

/**
 * A year of clinics, set-based: for every service and provider a new-patient clinic and a follow-up clinic,
 * each with two weekly sessions of twelve 20-minute slots, generated from templates like the real ones. Then
 * bookings as a busy trust has them: nearly full in the next six weeks, thinning out over the year (the
 * counts are set directly: the search reads counts, and the booking trigger is measured elsewhere).
 */
export async function seedClinicYear(client: pg.ClientBase, year: ClinicYear): Promise<{ slots: number; free: number }> {
  const to = new Date(year.from.getTime() + 364 * 86_400_000);
  await client.query(
    `INSERT INTO scheduling.clinic (id, organisation, service, name, team_code, location)
     SELECT md5('bench-clinic:' || s || ':' || o || ':' || k)::uuid, 'BENCH' || lpad(o::text, 2, '0'),
            'Bench service ' || lpad(s::text, 3, '0'), 'Bench clinic ' || s || '/' || o || '/' || k, 'TEAM-' || s, 'Outpatients'
       FROM generate_series(1, $1::int) s, generate_series(1, $2::int) o, generate_series(0, 1) k`,
    [year.services, year.organisations],
  );
  await client.query(
    `INSERT INTO scheduling.session_template (id, clinic_id, weekday, start_minute, slot_minutes, slot_count, slot_capacity, slot_kind, valid_from)
     SELECT md5('bench-template:' || c.id || ':' || w)::uuid, c.id, 1 + (abs(hashtext(c.id::text)) + 2 * w) % 5,
            CASE w WHEN 0 THEN 9 * 60 ELSE 13 * 60 + 30 END, 20, 12,
            CASE WHEN c.name LIKE '%/1' THEN 2 ELSE 1 END,
            CASE WHEN c.name LIKE '%/1' THEN 'FOLLOW_UP' ELSE 'NEW' END::scheduling.slot_kind, $1::date
       FROM scheduling.clinic c, generate_series(0, 1) w
      WHERE c.organisation LIKE 'BENCH%'`,
    [year.from],
  );
  const templates = await client.query<{ id: string }>(
    `SELECT t.id FROM scheduling.session_template t JOIN scheduling.clinic c ON c.id = t.clinic_id WHERE c.organisation LIKE 'BENCH%'`,
  );
  const isoDate = (d: Date) => d.toISOString().slice(0, 10);
  await generateTemplateSessions(
    client,
    { from: isoDate(year.from), to: isoDate(to) },
    templates.rows.map((t) => t.id),
  );
  await client.query(
    `UPDATE scheduling.slot SET booked_count = capacity
      WHERE organisation LIKE 'BENCH%'
        AND abs(hashtext(id::text)) % 100 < CASE
              WHEN starts_at < $1::timestamptz + interval '6 weeks' THEN 95
              WHEN starts_at < $1::timestamptz + interval '12 weeks' THEN 60
              ELSE 20 END`,
    [year.from],
  );
  await client.query('ANALYZE scheduling.slot');
  const counts = await client.query<{ slots: string; free: string }>(
    `SELECT count(*) AS slots, count(*) FILTER (WHERE booked_count < capacity) AS free FROM scheduling.slot WHERE organisation LIKE 'BENCH%'`,
  );
  return { slots: Number(counts.rows[0]!.slots), free: Number(counts.rows[0]!.free) };
}
