import type pg from 'pg';
import { appointments, clinicPeriod, clinics } from './demo-data.js';
import { generateTemplateSessions } from './clinic-sessions.js';

function minutesAfterMidnight(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/**
 * The demo clinics, their weekly templates and sessions over the demo period, and a one-slot session for each
 * demo appointment. Fixed or derived ids and ON CONFLICT DO NOTHING keep it idempotent; the slot trigger
 * counts each demo appointment into its slot.
 */
export async function seedScheduling(client: pg.ClientBase): Promise<void> {
  for (const c of clinics) {
    await client.query(
      `INSERT INTO scheduling.clinic (id, organisation, service, name, clinician_id, team_code, location)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [c.id, c.organisation, c.service, c.name, c.clinicianId, c.teamCode, c.location],
    );
    const w = c.weekly;
    await client.query(
      `INSERT INTO scheduling.session_template (id, clinic_id, weekday, start_minute, slot_minutes, slot_count, slot_capacity, slot_kind, valid_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::scheduling.slot_kind, $9) ON CONFLICT DO NOTHING`,
      [
        w.templateId,
        c.id,
        w.weekday,
        minutesAfterMidnight(w.startTime),
        w.slotMinutes,
        w.slotCount,
        w.slotCapacity,
        w.slotKind,
        clinicPeriod.from,
      ],
    );
  }
  await generateTemplateSessions(
    client,
    clinicPeriod,
    clinics.map((c) => c.weekly.templateId),
  );
  for (const a of appointments) {
    await client.query(
      `INSERT INTO scheduling.clinic_session (id, clinic_id, starts_at, ends_at)
       VALUES (md5($1::text || ':session')::uuid, $2, $3, $3::timestamptz + interval '30 minutes') ON CONFLICT DO NOTHING`,
      [a.slotId, a.clinic.id, a.startsAt],
    );
    await client.query(
      `INSERT INTO scheduling.slot (id, session_id, clinic_id, organisation, service, starts_at, minutes, capacity, kind)
       VALUES ($1::text::uuid, md5($1::text || ':session')::uuid, $2, $3, $4, $5, 30, 1, $6::scheduling.slot_kind) ON CONFLICT DO NOTHING`,
      [a.slotId, a.clinic.id, a.clinic.organisation, a.clinic.service, a.startsAt, a.slotKind],
    );
    await client.query(
      `INSERT INTO scheduling.appointment (id, patient_id, organisation, clinic_name, starts_at, status, slot_id, referral_id, pathway_id,
                                           dna_communicated_clearly, communication_evidence)
       VALUES ($1, $2, $3, $4, $5, $6::scheduling.appointment_status, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [
        a.id,
        a.patientId,
        a.clinic.organisation,
        a.clinic.name,
        a.startsAt,
        a.status,
        a.slotId,
        a.referralId,
        a.pathwayId,
        a.dnaCommunicationEvidence ? true : null,
        a.dnaCommunicationEvidence ?? null,
      ],
    );
  }
}
