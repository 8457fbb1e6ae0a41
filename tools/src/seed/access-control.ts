import type pg from 'pg';
import { patients, referrals } from './demo-data.js';

/**
 * Demo legitimate relationships, as the care processes would have made them: each referral received by a
 * provider gives that organisation a REFERRAL relationship; the GP practice holds a REGISTRATION relationship
 * with its registered patients (the first four demo patients). Idempotent through source_ref.
 */
export async function seedAccessControl(client: pg.Client): Promise<void> {
  for (const r of referrals) {
    await client.query(
      `INSERT INTO access_control.legitimate_relationship (patient_id, holder_kind, holder_id, type, created_by, source_ref)
       VALUES ($1, 'ORGANISATION', $2, 'REFERRAL', 'seed', $3) ON CONFLICT DO NOTHING`,
      [r.patientId, r.receivingOrganisation, `referral:${r.id}`],
    );
  }
  for (const p of patients.slice(0, 4)) {
    await client.query(
      `INSERT INTO access_control.legitimate_relationship (patient_id, holder_kind, holder_id, type, created_by, source_ref)
       VALUES ($1, 'ORGANISATION', 'A81001', 'REGISTRATION', 'seed', $2) ON CONFLICT DO NOTHING`,
      [p.id, `registration:A81001:${p.id}`],
    );
  }
}
