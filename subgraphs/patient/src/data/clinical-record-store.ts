import type { AllergyCategory, AllergySeverity, MedicationStatus, ProblemStatus, SealLevel } from '../__generated__/prisma/client.js';
import type { CareTeamRecord, OrganisationRecord, UserRecord } from './directory-store.js';
import type { Transaction } from '@epr/platform';
import type { Db, Tx } from './prisma.js';

/** What writing a clinical item gives back inside its transaction: its id. */
export interface CreatedItem {
  id: string;
}
import { lockCurrentPatient } from './patient-lock.js';

/** Who recorded a clinical item, where, for which team and when, and how far it is sealed. */
export interface Provenance {
  sealLevel: SealLevel;
  author: UserRecord;
  authoringOrganisation: OrganisationRecord;
  authoringTeam: CareTeamRecord | null;
  recordedAt: Date;
}

export interface ClinicalItemRecord extends Provenance {
  id: string;
  patientId: string;
}

export interface ProblemRecord extends ClinicalItemRecord {
  conceptId: string;
  term: string;
  onsetDate: Date | null;
  status: ProblemStatus;
}

export interface AllergyRecord extends ClinicalItemRecord {
  category: AllergyCategory;
  substanceConceptId: string;
  substanceTerm: string;
  reactionConceptId: string | null;
  reactionTerm: string | null;
  severity: AllergySeverity;
}

export interface MedicationRecord extends ClinicalItemRecord {
  conceptId: string;
  term: string;
  dosage: string;
  status: MedicationStatus;
  startDate: Date | null;
  endDate: Date | null;
}

export interface DocumentSection {
  title: string;
  text: string;
}

export interface ClinicalDocumentRecord extends ClinicalItemRecord {
  typeConceptId: string;
  typeTerm: string;
  title: string;
  authoredAt: Date;
  sourceSystem: string | null;
  sections: DocumentSection[];
}

type Entry<R extends ClinicalItemRecord> = Omit<R, keyof ClinicalItemRecord>;
export type NewProblem = Entry<ProblemRecord>;
export type NewAllergy = Entry<AllergyRecord>;
export type NewMedication = Entry<MedicationRecord>;
export type NewClinicalDocument = Entry<ClinicalDocumentRecord>;

/** Who is recording: set from the caller's session and their care team, never taken from the item sent. */
export interface Authorship {
  sealLevel: SealLevel;
  authorId: string;
  authoringOrganisationId: string;
  authoringTeamId: string | null;
}

/** One kind of clinical item: its table, its own columns under the record's names, and its order in a list. */
interface ItemKind {
  table: string;
  columns: string;
  order: string;
}

const problem: ItemKind = {
  table: 'problem',
  columns: `i.concept_id AS "conceptId", i.term, i.onset_date AS "onsetDate", i.status::text AS status`,
  order: 'i.recorded_at DESC, i.id',
};
const allergy: ItemKind = {
  table: 'allergy',
  columns: `i.category::text AS category, i.substance_concept_id AS "substanceConceptId", i.substance_term AS "substanceTerm",
    i.reaction_concept_id AS "reactionConceptId", i.reaction_term AS "reactionTerm", i.severity::text AS severity`,
  order: 'i.recorded_at DESC, i.id',
};
const medication: ItemKind = {
  table: 'medication',
  columns: `i.concept_id AS "conceptId", i.term, i.dosage, i.status::text AS status, i.start_date AS "startDate", i.end_date AS "endDate"`,
  order: 'i.recorded_at DESC, i.id',
};
const clinicalDocument: ItemKind = {
  table: 'clinical_document',
  columns: `i.type_concept_id AS "typeConceptId", i.type_term AS "typeTerm", i.title, i.authored_at AS "authoredAt",
    i.source_system AS "sourceSystem", i.sections`,
  order: 'i.authored_at DESC, i.id',
};

// Provenance comes with each item in the same statement, so a list of items with their authors, organisations
// and teams costs one statement per kind of item, whatever its length.
const provenanceColumns = `i.seal_level::text AS "sealLevel", i.recorded_at AS "recordedAt",
  u.id AS "authorId", u.display_name AS "authorDisplayName",
  o.id AS "organisationId", o.ods_code AS "organisationOdsCode", o.name AS "organisationName",
  t.id AS "teamId", t.code AS "teamCode", t.name AS "teamName", t.organisation_id AS "teamOrganisationId"`;
const provenanceJoins = `JOIN patient.app_user u ON u.id = i.author_id
  JOIN patient.organisation o ON o.id = i.authoring_organisation_id
  LEFT JOIN patient.care_team t ON t.id = i.authoring_team_id`;

interface ProvenanceRow {
  authorId: string;
  authorDisplayName: string;
  organisationId: string;
  organisationOdsCode: string;
  organisationName: string;
  teamId: string | null;
  teamCode: string | null;
  teamName: string | null;
  teamOrganisationId: string | null;
}

/** The clinical record: problems, allergies, medications and documents. Batch reads cost one statement each. */
export class ClinicalRecordStore {
  constructor(private readonly db: Db) {}

  problemsOf(patientIds: readonly string[]): Promise<ProblemRecord[]> {
    return this.read(problem, 'patient_id', patientIds);
  }

  allergiesOf(patientIds: readonly string[]): Promise<AllergyRecord[]> {
    return this.read(allergy, 'patient_id', patientIds);
  }

  medicationsOf(patientIds: readonly string[]): Promise<MedicationRecord[]> {
    return this.read(medication, 'patient_id', patientIds);
  }

  documentsOf(patientIds: readonly string[]): Promise<ClinicalDocumentRecord[]> {
    return this.read(clinicalDocument, 'patient_id', patientIds);
  }

  /** Which patient each item belongs to (one statement for the batch); items not found are left out. */
  async patientsOfItems(
    items: readonly { kind: 'PROBLEM' | 'ALLERGY' | 'MEDICATION'; id: string }[],
  ): Promise<{ kind: 'PROBLEM' | 'ALLERGY' | 'MEDICATION'; id: string; patientId: string }[]> {
    return this.db.$queryRawUnsafe(
      `SELECT 'PROBLEM' AS kind, id::text, patient_id::text AS "patientId" FROM patient.problem WHERE id = ANY($1::uuid[])
       UNION ALL SELECT 'ALLERGY', id::text, patient_id::text FROM patient.allergy WHERE id = ANY($2::uuid[])
       UNION ALL SELECT 'MEDICATION', id::text, patient_id::text FROM patient.medication WHERE id = ANY($3::uuid[])`,
      ...(['PROBLEM', 'ALLERGY', 'MEDICATION'] as const).map((kind) => items.filter((i) => i.kind === kind).map((i) => i.id)),
    );
  }

  /** Each entry is written in the transaction given (which carries its security-log rows), then read back whole. */
  async recordProblem(
    patientId: string,
    entry: NewProblem,
    by: Authorship,
    transaction: Transaction<Tx, CreatedItem>,
  ): Promise<ProblemRecord> {
    const { id } = await this.addTo(patientId, transaction, (tx) =>
      tx.problem.create({ data: { patientId, ...entry, ...by }, select: { id: true } }),
    );
    return this.readOne(problem, id);
  }

  async recordAllergy(
    patientId: string,
    entry: NewAllergy,
    by: Authorship,
    transaction: Transaction<Tx, CreatedItem>,
  ): Promise<AllergyRecord> {
    const { id } = await this.addTo(patientId, transaction, (tx) =>
      tx.allergy.create({ data: { patientId, ...entry, ...by }, select: { id: true } }),
    );
    return this.readOne(allergy, id);
  }

  async recordMedication(
    patientId: string,
    entry: NewMedication,
    by: Authorship,
    transaction: Transaction<Tx, CreatedItem>,
  ): Promise<MedicationRecord> {
    const { id } = await this.addTo(patientId, transaction, (tx) =>
      tx.medication.create({ data: { patientId, ...entry, ...by }, select: { id: true } }),
    );
    return this.readOne(medication, id);
  }

  async fileDocument(
    patientId: string,
    entry: NewClinicalDocument,
    by: Authorship,
    transaction: Transaction<Tx, CreatedItem>,
  ): Promise<ClinicalDocumentRecord> {
    const data = { patientId, ...entry, sections: entry.sections.map((section) => ({ ...section })), ...by };
    const { id } = await this.addTo(patientId, transaction, (tx) => tx.clinicalDocument.create({ data, select: { id: true } }));
    return this.readOne(clinicalDocument, id);
  }

  /**
   * Adds an item to a patient's record while holding the patient (a merge waits, or is waited for): an item
   * is never added to a record that was merged away in the meantime, where no one would see it.
   */
  private addTo(
    patientId: string,
    transaction: Transaction<Tx, CreatedItem>,
    create: (tx: Tx) => Promise<CreatedItem>,
  ): Promise<CreatedItem> {
    return transaction(async (tx) => {
      await lockCurrentPatient(tx, patientId, 'input.patientId', 'share');
      return create(tx);
    });
  }

  private async readOne<R extends ClinicalItemRecord>(kind: ItemKind, id: string): Promise<R> {
    const [item] = await this.read<R>(kind, 'id', [id]);
    return item!;
  }

  private async read<R extends ClinicalItemRecord>(kind: ItemKind, key: 'id' | 'patient_id', ids: readonly string[]): Promise<R[]> {
    const rows = await this.db.$queryRawUnsafe<(ProvenanceRow & Record<string, unknown>)[]>(
      `SELECT i.id, i.patient_id AS "patientId", ${kind.columns}, ${provenanceColumns}
         FROM patient.${kind.table} i ${provenanceJoins}
        WHERE i.${key} = ANY($1::uuid[])
        ORDER BY ${kind.order}`,
      [...ids],
    );
    return rows.map((row) => withProvenance(row) as unknown as R);
  }
}

function withProvenance(row: ProvenanceRow & Record<string, unknown>): Record<string, unknown> {
  const {
    authorId,
    authorDisplayName,
    organisationId,
    organisationOdsCode,
    organisationName,
    teamId,
    teamCode,
    teamName,
    teamOrganisationId,
    ...item
  } = row;
  return {
    ...item,
    author: { id: authorId, displayName: authorDisplayName },
    authoringOrganisation: { id: organisationId, odsCode: organisationOdsCode, name: organisationName },
    authoringTeam: teamId ? { id: teamId, code: teamCode, name: teamName, organisationId: teamOrganisationId } : null,
  };
}
