import type {
  AllergyCategory,
  AllergySeverity,
  ClinicalItemChange,
  ClinicalItemKind,
  MedicationStatus,
  ProblemStatus,
  SealLevel,
} from '../__generated__/prisma/client.js';
import type { CareTeamRecord, OrganisationRecord, UserRecord } from './directory-store.js';
import { notFound, type Transaction } from '@epr/platform';
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

/** A change that made a version of an item: what, why, when and by whom (with the item's patient, to decide its fields). */
export interface ChangeRecord {
  patientId: string;
  kind: ClinicalItemChange;
  reason: string | null;
  changedAt: Date;
  changedBy: UserRecord;
}

/** Where an item stands in its history: which version this is, what made it, and whether a later one replaced it. */
export interface Versioning {
  version: number;
  enteredInError: boolean;
  change: ChangeRecord | null;
  /** Set on an earlier version: when the next one replaced it. */
  supersededAt: Date | null;
}

export interface ClinicalItemRecord extends Provenance, Versioning {
  id: string;
  patientId: string;
}

export interface ProblemRecord extends ClinicalItemRecord {
  conceptId: string;
  term: string;
  onsetDate: Date | null;
  status: ProblemStatus;
  resolvedOn: Date | null;
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

/** Who changes an item, and how and why, for the version the change makes. */
export interface ItemChange {
  kind: ClinicalItemChange;
  reason: string | null;
  changedBy: string;
}

/** What every change writes besides the item's own columns. */
interface VersionColumns {
  version: number;
  enteredInError?: boolean;
  changeKind: ClinicalItemChange;
  changeReason: string | null;
  changedAt: Date;
  changedBy: string;
}

/** One kind of clinical item: its table, its own columns under the record's names, and its order in a list. */
interface ItemKind {
  kind: ClinicalItemKind;
  table: string;
  columns: string;
  order: string;
}

const problem: ItemKind = {
  kind: 'PROBLEM',
  table: 'problem',
  columns: `i.concept_id AS "conceptId", i.term, i.onset_date AS "onsetDate", i.status::text AS status, i.resolved_on AS "resolvedOn"`,
  order: 'i.recorded_at DESC, i.id',
};
const allergy: ItemKind = {
  kind: 'ALLERGY',
  table: 'allergy',
  columns: `i.category::text AS category, i.substance_concept_id AS "substanceConceptId", i.substance_term AS "substanceTerm",
    i.reaction_concept_id AS "reactionConceptId", i.reaction_term AS "reactionTerm", i.severity::text AS severity`,
  order: 'i.recorded_at DESC, i.id',
};
const medication: ItemKind = {
  kind: 'MEDICATION',
  table: 'medication',
  columns: `i.concept_id AS "conceptId", i.term, i.dosage, i.status::text AS status, i.start_date AS "startDate", i.end_date AS "endDate"`,
  order: 'i.recorded_at DESC, i.id',
};
const clinicalDocument: ItemKind = {
  kind: 'DOCUMENT',
  table: 'clinical_document',
  columns: `i.type_concept_id AS "typeConceptId", i.type_term AS "typeTerm", i.title, i.authored_at AS "authoredAt",
    i.source_system AS "sourceSystem", i.sections`,
  order: 'i.authored_at DESC, i.id',
};
const kinds: Record<ClinicalItemKind, ItemKind> = {
  PROBLEM: problem,
  ALLERGY: allergy,
  MEDICATION: medication,
  DOCUMENT: clinicalDocument,
};

// Provenance and versioning come with each item in the same statement, so a list of items with their authors,
// organisations, teams and changes costs one statement per kind of item, whatever its length.
const provenanceColumns = `i.seal_level::text AS "sealLevel", i.recorded_at AS "recordedAt",
  u.id AS "authorId", u.display_name AS "authorDisplayName",
  o.id AS "organisationId", o.ods_code AS "organisationOdsCode", o.name AS "organisationName",
  t.id AS "teamId", t.code AS "teamCode", t.name AS "teamName", t.organisation_id AS "teamOrganisationId",
  i.version, i.entered_in_error AS "enteredInError", i.change_kind::text AS "changeKind", i.change_reason AS "changeReason",
  i.changed_at AS "changedAt", i.changed_by AS "changedById", cu.display_name AS "changedByName"`;
const provenanceJoins = `JOIN patient.app_user u ON u.id = i.author_id
  JOIN patient.organisation o ON o.id = i.authoring_organisation_id
  LEFT JOIN patient.care_team t ON t.id = i.authoring_team_id
  LEFT JOIN patient.app_user cu ON cu.id = i.changed_by`;

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
  changeKind: ClinicalItemChange | null;
  changeReason: string | null;
  changedAt: Date | null;
  changedById: string | null;
  changedByName: string | null;
}

/** Where the items of one read come from: the items as they stand, or their earlier versions. */
interface ItemSource {
  from: (kind: ItemKind) => string;
  where: string;
  order: (kind: ItemKind) => string;
  supersededAt: string;
  lock?: boolean;
}

const current = (where: string, lock = false): ItemSource => ({
  from: (kind) => `patient.${kind.table} i`,
  where,
  order: (kind) => kind.order,
  supersededAt: 'NULL::timestamptz',
  lock,
});
// Each earlier version is the item's whole row as it was, read back as a row of the item's table.
const earlierVersions: ItemSource = {
  from: (kind) => `patient.clinical_item_version v CROSS JOIN LATERAL jsonb_populate_record(NULL::patient.${kind.table}, v.content) i`,
  where: 'v.kind = $2::patient.clinical_item_kind AND v.item_id = ANY($1::uuid[])',
  order: () => 'v.item_id, v.version DESC',
  supersededAt: 'v.superseded_at',
};

/** Lists leave items marked entered in error out; they are read only by id. */
const listOf = current('i.patient_id = ANY($1::uuid[]) AND NOT i.entered_in_error');
const byId = current('i.id = ANY($1::uuid[])');
const lockedById = current('i.id = ANY($1::uuid[])', true);

/** One clinical item of one kind, looked up by its id. */
export interface ClinicalItemKey {
  kind: ClinicalItemKind;
  id: string;
}

export type AnyClinicalItemRecord = ProblemRecord | AllergyRecord | MedicationRecord | ClinicalDocumentRecord;

/** An item of any kind, saying which (for an answer that may be any kind of clinical item). */
export type ClinicalItemOfKind = AnyClinicalItemRecord & { kind: ClinicalItemKind };

/** The clinical record: problems, allergies, medications and documents. Batch reads cost one statement each. */
export class ClinicalRecordStore {
  constructor(private readonly db: Db) {}

  problemsOf(patientIds: readonly string[]): Promise<ProblemRecord[]> {
    return this.read(this.db, problem, listOf, patientIds);
  }

  allergiesOf(patientIds: readonly string[]): Promise<AllergyRecord[]> {
    return this.read(this.db, allergy, listOf, patientIds);
  }

  medicationsOf(patientIds: readonly string[]): Promise<MedicationRecord[]> {
    return this.read(this.db, medication, listOf, patientIds);
  }

  documentsOf(patientIds: readonly string[]): Promise<ClinicalDocumentRecord[]> {
    return this.read(this.db, clinicalDocument, listOf, patientIds);
  }

  /** Items by kind and id, entered in error or not (one statement per kind in the batch); items not found are left out. */
  async itemsByKeys(keys: readonly ClinicalItemKey[]): Promise<ClinicalItemOfKind[]> {
    return this.byKind(keys, (kind, ids) => this.read<AnyClinicalItemRecord>(this.db, kind, byId, ids));
  }

  /** The earlier versions of items, most recent first (one statement per kind in the batch). */
  async earlierVersionsOf(keys: readonly ClinicalItemKey[]): Promise<ClinicalItemOfKind[]> {
    return this.byKind(keys, (kind, ids) => this.read<AnyClinicalItemRecord>(this.db, kind, earlierVersions, ids));
  }

  /**
   * Changes one item in the transaction given: its row is locked (so concurrent changes of one item queue),
   * `revise` decides from the item as it now stands what to write (or refuses, which writes nothing), the row as it
   * was is kept as an earlier version, and the item takes the changes, the next version and the change that made
   * it. The id stays the same, so nominations and references carry over.
   */
  changeProblem(id: string, revise: (now: ProblemRecord) => Partial<NewProblem>, change: ItemChange, tx: Transaction<Tx, ProblemRecord>) {
    return this.change(problem, id, revise, change, tx, (run, data) => run.problem.update({ where: { id }, data }));
  }

  changeAllergy(id: string, revise: (now: AllergyRecord) => Partial<NewAllergy>, change: ItemChange, tx: Transaction<Tx, AllergyRecord>) {
    return this.change(allergy, id, revise, change, tx, (run, data) => run.allergy.update({ where: { id }, data }));
  }

  changeMedication(
    id: string,
    revise: (now: MedicationRecord) => Partial<NewMedication>,
    change: ItemChange,
    tx: Transaction<Tx, MedicationRecord>,
  ) {
    return this.change(medication, id, revise, change, tx, (run, data) => run.medication.update({ where: { id }, data }));
  }

  changeDocument(
    id: string,
    revise: (now: ClinicalDocumentRecord) => Partial<NewClinicalDocument>,
    change: ItemChange,
    tx: Transaction<Tx, ClinicalDocumentRecord>,
  ) {
    return this.change(clinicalDocument, id, revise, change, tx, (run, { sections, ...data }) =>
      run.clinicalDocument.update({
        where: { id },
        data: { ...data, ...(sections ? { sections: sections.map((section) => ({ ...section })) } : {}) },
      }),
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
    return this.readOne(this.db, problem, id);
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
    return this.readOne(this.db, allergy, id);
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
    return this.readOne(this.db, medication, id);
  }

  async fileDocument(
    patientId: string,
    entry: NewClinicalDocument,
    by: Authorship,
    transaction: Transaction<Tx, CreatedItem>,
  ): Promise<ClinicalDocumentRecord> {
    const data = { patientId, ...entry, sections: entry.sections.map((section) => ({ ...section })), ...by };
    const { id } = await this.addTo(patientId, transaction, (tx) => tx.clinicalDocument.create({ data, select: { id: true } }));
    return this.readOne(this.db, clinicalDocument, id);
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

  private change<R extends ClinicalItemRecord, D>(
    kind: ItemKind,
    id: string,
    revise: (now: R) => D,
    change: ItemChange,
    transaction: Transaction<Tx, R>,
    update: (tx: Tx, data: D & VersionColumns) => Promise<unknown>,
  ): Promise<R> {
    return transaction(async (tx) => {
      const [now] = await this.read<R>(tx, kind, lockedById, [id]);
      if (!now) throw notFound('No such item is visible to you.', 'input.id');
      const revised = revise(now);
      await tx.$executeRawUnsafe(
        `INSERT INTO patient.clinical_item_version (kind, item_id, version, content)
         SELECT $1::patient.clinical_item_kind, i.id, i.version, to_jsonb(i) FROM patient.${kind.table} i WHERE i.id = $2::uuid`,
        kind.kind,
        id,
      );
      await update(tx, {
        ...revised,
        version: now.version + 1,
        ...(change.kind === 'ENTERED_IN_ERROR' ? { enteredInError: true } : {}),
        changeKind: change.kind,
        changeReason: change.reason,
        changedAt: new Date(),
        changedBy: change.changedBy,
      });
      return this.readOne<R>(tx, kind, id);
    });
  }

  /** Items of several kinds, one statement per kind, each row with its kind. */
  private async byKind<R>(
    keys: readonly ClinicalItemKey[],
    read: (kind: ItemKind, ids: string[]) => Promise<R[]>,
  ): Promise<(R & { kind: ClinicalItemKind })[]> {
    const wanted = Object.values(kinds).filter((kind) => keys.some((key) => key.kind === kind.kind));
    const rows = await Promise.all(
      wanted.map(async (kind) => {
        const items = await read(
          kind,
          keys.filter((key) => key.kind === kind.kind).map((key) => key.id),
        );
        return items.map((item) => ({ ...item, kind: kind.kind }));
      }),
    );
    return rows.flat();
  }

  private async readOne<R extends ClinicalItemRecord>(run: Db | Tx, kind: ItemKind, id: string): Promise<R> {
    const [item] = await this.read<R>(run, kind, byId, [id]);
    return item!;
  }

  private async read<R>(run: Db | Tx, kind: ItemKind, source: ItemSource, ids: readonly string[]): Promise<R[]> {
    const rows = await run.$queryRawUnsafe<(ProvenanceRow & Record<string, unknown>)[]>(
      `SELECT i.id, i.patient_id AS "patientId", ${kind.columns}, ${provenanceColumns}, ${source.supersededAt} AS "supersededAt"
         FROM ${source.from(kind)} ${provenanceJoins}
        WHERE ${source.where}
        ORDER BY ${source.order(kind)}${source.lock ? ' FOR UPDATE OF i' : ''}`,
      [...ids],
      ...(source === earlierVersions ? [kind.kind] : []),
    );
    return rows.map((row) => withProvenance(row) as R);
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
    changeKind,
    changeReason,
    changedAt,
    changedById,
    changedByName,
    ...item
  } = row;
  return {
    ...item,
    author: { id: authorId, displayName: authorDisplayName },
    authoringOrganisation: { id: organisationId, odsCode: organisationOdsCode, name: organisationName },
    authoringTeam: teamId ? { id: teamId, code: teamCode, name: teamName, organisationId: teamOrganisationId } : null,
    change:
      changeKind && changedAt && changedById
        ? {
            patientId: item.patientId,
            kind: changeKind,
            reason: changeReason,
            changedAt,
            // Who changed it is a user of the directory; the id stands in for a name should that user be gone.
            changedBy: { id: changedById, displayName: changedByName ?? changedById },
          }
        : null,
  };
}
