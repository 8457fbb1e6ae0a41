import type pg from 'pg';
import { patients, referrals } from './demo-data.js';
import { careTeams } from './patient-record-demo.js';

/**
 * Demo legitimate relationships, as the care processes would have made them: each referral received by a
 * provider gives the teams there that receive referrals for its specialty a REFERRAL relationship (none where no
 * team does); the GP practice holds a REGISTRATION relationship with its registered patients (the first four demo
 * patients). Idempotent through source_ref.
 */
export async function seedAccessControl(client: pg.Client): Promise<void> {
  for (const r of referrals) {
    const receiving = careTeams.filter((team) => team.odsCode === r.receivingOrganisation && team.referralServices.includes(r.specialty));
    for (const team of receiving) {
      await client.query(
        `INSERT INTO access_control.legitimate_relationship (patient_id, holder_kind, holder_id, type, created_by, source_ref)
         VALUES ($1, 'TEAM', $2, 'REFERRAL', 'seed', $3) ON CONFLICT DO NOTHING`,
        [r.patientId, team.id, `referral:${r.id}`],
      );
    }
  }
  for (const p of patients.slice(0, 4)) {
    await client.query(
      `INSERT INTO access_control.legitimate_relationship (patient_id, holder_kind, holder_id, type, created_by, source_ref)
       VALUES ($1, 'ORGANISATION', 'A81001', 'REGISTRATION', 'seed', $2) ON CONFLICT DO NOTHING`,
      [p.id, `registration:A81001:${p.id}`],
    );
  }
}
