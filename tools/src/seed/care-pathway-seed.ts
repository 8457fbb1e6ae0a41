import type pg from 'pg';
import { referrals } from './demo-data.js';
import { documents, pathways, type DemoPathway } from './demo-pathways.js';

/** Only these move a pathway's clock date; later clock events may not be dated before the latest of them. */
/**
 * The demo referrals with their pathways, clock periods, timelines and letters, in care-pathway's schema.
 * Fixed ids and ON CONFLICT DO NOTHING keep it idempotent and leave alone anything a user has changed since.
 */
export async function seedCarePathways(client: pg.ClientBase): Promise<void> {
  for (const r of referrals) {
    await client.query(
      `INSERT INTO care_pathway.referral (id, patient_id, receiving_organisation, specialty, priority, received_on,
         referring_organisation, referring_clinician, reason, ubrn, triage_status)
       VALUES ($1, $2, $3, $4, $5::care_pathway.referral_priority, $6, $7, $8, $9, $10, $11::care_pathway.triage_status)
       ON CONFLICT DO NOTHING`,
      [
        r.id,
        r.patientId,
        r.receivingOrganisation,
        r.specialty,
        r.priority,
        r.receivedOn,
        r.referrer.organisation,
        r.referrer.clinician,
        r.reason,
        r.ubrn,
        r.triage,
      ],
    );
  }
  for (const p of pathways) await seedPathway(client, p);
  for (const d of documents) {
    const pathway = pathways.find((p) => p.id === d.pathwayId)!;
    await client.query(
      `INSERT INTO care_pathway.clinical_document (id, pathway_id, patient_id, kind, title, body, author_user_id, author_role_profile_id,
         author_job_role_code, author_organisation, created_at)
       VALUES ($1, $2, $3, 'LETTER', $4, $5, 'dr.amelia.hart', 'rp-hart-rx1', 'R8000', 'RX1', $6) ON CONFLICT DO NOTHING`,
      [d.id, d.pathwayId, pathway.referral.patientId, d.title, d.body, d.createdAt],
    );
  }
}

async function seedPathway(client: pg.ClientBase, p: DemoPathway): Promise<void> {
  const { referral: r, period } = p;
  const inserted = await client.query(
    `INSERT INTO care_pathway.pathway (id, patient_id, referral_id, organisation, specialty, phase, event_count)
     VALUES ($1, $2, $3, $4, $5, $6::care_pathway.clock_phase, $7) ON CONFLICT DO NOTHING`,
    [p.id, r.patientId, r.id, r.receivingOrganisation, r.specialty, p.phase, p.events.length],
  );
  // An existing pathway is left exactly as it is, clock and timeline included.
  if (inserted.rowCount === 0) return;
  await client.query(
    `INSERT INTO care_pathway.rtt_period (id, pathway_id, patient_id, organisation, specialty, ordinal, started_on, start_rule, ended_on,
       end_reason, end_status, admitted, decision_to_admit_on, attended)
     VALUES (md5($1::text || ':period:1')::uuid, $1::text::uuid, $2, $3, $4, 1, $5, 'REFERRAL', $6, $7::care_pathway.period_end_reason, $8, $9, $10, $11)`,
    [
      p.id,
      r.patientId,
      r.receivingOrganisation,
      r.specialty,
      period.startedOn,
      period.endedOn,
      period.endReason,
      period.endStatus,
      period.admitted,
      period.decisionToAdmitOn,
      period.attended,
    ],
  );
  for (const [index, e] of p.events.entries()) {
    const a = e.appointment;
    await client.query(
      `INSERT INTO care_pathway.pathway_event (id, pathway_id, patient_id, ordinal, kind, occurred_on, occurred_at, clock_effect, rtt_status,
         admitted, decision_to_admit, appointment_id, appointment_outcome, first_appointment, dna_communicated_clearly, source_event_id,
         document_id, note, recorded_by)
       VALUES (md5($1::text || ':event:' || $3::int)::uuid, $1::text::uuid, $2, $3::int, $4::care_pathway.pathway_event_kind, $5, $6, $7::care_pathway.clock_effect, $8,
         $9, $10, $11, $12::care_pathway.appointment_outcome, $13, $14, $15, $16, $17, $18)`,
      [
        p.id,
        r.patientId,
        index + 1,
        e.kind,
        e.on,
        a?.startsAt ?? null,
        e.effect,
        e.rttStatus ?? null,
        e.kind === 'RTT_STATUS' ? (e.admitted ?? false) : null,
        e.kind === 'RTT_STATUS' ? (e.decisionToAdmit ?? false) : null,
        a?.id ?? null,
        a?.outcome ?? null,
        a?.first ?? null,
        a?.communicatedClearly ?? null,
        a ? `demo-outcome:${a.id}` : null,
        e.documentId ?? null,
        e.note ?? null,
        e.recordedBy,
      ],
    );
  }
}
