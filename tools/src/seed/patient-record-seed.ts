import type pg from 'pg';
import { organisations, patients } from './demo-data.js';
import {
  allergies,
  careTeams,
  demographics,
  dischargeSummary,
  documents,
  duplicateCandidates,
  localIdentifiers,
  medications,
  previousNames,
  problems,
  unidentifiedDuplicate,
} from './patient-record-demo.js';

const organisationId = new Map<string, string>(organisations.map((o) => [o.odsCode, o.id]));

/**
 * The patient subgraph's demo data: care teams, the demo patients with their demographics (and one unidentified
 * duplicate), hospital numbers, a previous name, the duplicate worklist and clinical items. Runs after the
 * organisations, users and role profiles exist. Fixed ids and ON CONFLICT DO NOTHING keep it idempotent; the
 * database's triggers give each name its search keys.
 */
export async function seedPatientRecord(client: pg.ClientBase): Promise<void> {
  for (const team of careTeams) {
    await client.query(
      `INSERT INTO patient.care_team (id, code, name, organisation_id, referral_services, is_ward) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET referral_services = EXCLUDED.referral_services, is_ward = EXCLUDED.is_ward`,
      [team.id, team.code, team.name, organisationId.get(team.odsCode), team.referralServices, team.ward ?? false],
    );
    for (const roleProfileId of team.members) {
      await client.query('INSERT INTO patient.care_team_member (care_team_id, role_profile_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        team.id,
        roleProfileId,
      ]);
    }
  }

  for (const p of patients) {
    const d = demographics[p.id]!;
    await insertPatient(client, { ...p, temporaryIdentity: null, ...d, gpPracticeId: d.gpPractice && organisationId.get(d.gpPractice) });
  }
  await insertPatient(client, { ...unidentifiedDuplicate, nhsNumber: null, gpPracticeId: null, telephone: null });

  for (const n of previousNames) {
    await client.query(
      'INSERT INTO patient.patient_previous_name (id, patient_id, given_name, family_name) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [n.id, n.patientId, n.givenName, n.familyName],
    );
  }
  for (const i of localIdentifiers) {
    await client.query(
      'INSERT INTO patient.local_identifier (id, patient_id, organisation_id, value) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [i.id, i.patientId, organisationId.get(i.odsCode), i.value],
    );
  }
  for (const c of duplicateCandidates) {
    const [first, second] = [...c.patients].sort();
    await client.query(
      'INSERT INTO patient.duplicate_candidate (id, first_patient_id, second_patient_id, score) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [c.id, first, second, c.score],
    );
  }
  await seedClinicalItems(client);
}

interface SeededPatient {
  id: string;
  nhsNumber: string | null;
  temporaryIdentity: string | null;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  addressLines: readonly string[];
  postcode: string;
  telephone: string | null;
  gpPracticeId: string | null | undefined;
}

async function insertPatient(client: pg.ClientBase, p: SeededPatient): Promise<void> {
  await client.query(
    `INSERT INTO patient.patient (id, nhs_number, temporary_identity, given_name, family_name, birth_date, sex, address_lines,
                                  postcode, telephone, registered_gp_practice_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::patient.sex, $8, $9, $10, $11, now()) ON CONFLICT DO NOTHING`,
    [
      p.id,
      p.nhsNumber,
      p.temporaryIdentity,
      p.givenName,
      p.familyName,
      p.birthDate,
      p.sex,
      p.addressLines,
      p.postcode,
      p.telephone,
      p.gpPracticeId ?? null,
    ],
  );
}

async function seedClinicalItems(client: pg.ClientBase): Promise<void> {
  // Columns every clinical item shares, after its own: who, where, for which team, how sealed, when.
  const authored = (item: { author: string; odsCode: string; teamId: string | null; sealLevel: string; recordedAt: string }) => [
    item.author,
    organisationId.get(item.odsCode),
    item.teamId,
    item.sealLevel,
    item.recordedAt,
  ];
  const provenance = 'author_id, authoring_organisation_id, authoring_team_id, seal_level, recorded_at';
  const provenanceValues = (from: number) => `$${from}, $${from + 1}, $${from + 2}, $${from + 3}::patient.seal_level, $${from + 4}`;

  for (const p of problems) {
    await client.query(
      `INSERT INTO patient.problem (id, patient_id, concept_id, term, onset_date, status, ${provenance})
       VALUES ($1, $2, $3, $4, $5, $6::patient.problem_status, ${provenanceValues(7)}) ON CONFLICT DO NOTHING`,
      [p.id, p.patientId, p.conceptId, p.term, p.onsetDate, p.status, ...authored(p)],
    );
  }
  for (const a of allergies) {
    await client.query(
      `INSERT INTO patient.allergy (id, patient_id, category, substance_concept_id, substance_term, reaction_concept_id, reaction_term, severity, ${provenance})
       VALUES ($1, $2, 'ALLERGY', $3, $4, $5, $6, $7::patient.allergy_severity, ${provenanceValues(8)}) ON CONFLICT DO NOTHING`,
      [a.id, a.patientId, ...a.substance, ...a.reaction, a.severity, ...authored(a)],
    );
  }
  for (const m of medications) {
    await client.query(
      `INSERT INTO patient.medication (id, patient_id, concept_id, term, dosage, status, start_date, ${provenance})
       VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, ${provenanceValues(7)}) ON CONFLICT DO NOTHING`,
      [m.id, m.patientId, m.conceptId, m.term, m.dosage, m.startDate, ...authored(m)],
    );
  }
  for (const d of documents) {
    await client.query(
      `INSERT INTO patient.clinical_document (id, patient_id, type_concept_id, type_term, title, authored_at, source_system, sections, ${provenance})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, ${provenanceValues(9)}) ON CONFLICT DO NOTHING`,
      [
        d.id,
        d.patientId,
        dischargeSummary.conceptId,
        dischargeSummary.term,
        d.title,
        d.authoredAt,
        d.sourceSystem,
        JSON.stringify(d.sections),
        ...authored(d),
      ],
    );
  }
}
