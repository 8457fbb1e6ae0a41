import type { Activity } from '@epr/policy';
import type { RequestPolicy, VisibleItem } from '@epr/platform';
import type { ClinicalItemKey, Loaders, Stores } from './loaders.js';
import type { AdmissionRecord } from './data/admission-store.js';
import type { LocalIdentifierKey } from './domain/demographics.js';
import { pageOf, type Page, type ScoreCursor } from './domain/pagination.js';
import type { PatientSearch } from './domain/search-criteria.js';
import type { LocalIdentifierRecord, PatientRecord, PreviousNameRecord } from './data/patient-store.js';
import type { ScoredPatient } from './data/search/patient-search.js';
import type { DuplicateCandidateRecord } from './data/duplicate-store.js';
import type {
  AllergyRecord,
  ClinicalDocumentRecord,
  MedicationRecord,
  ProblemRecord,
  ClinicalItemRecord,
} from './data/clinical-record-store.js';

export type ClinicalItemKind = 'PROBLEM' | 'ALLERGY' | 'MEDICATION' | 'DOCUMENT';

/** What a sealed placeholder tells: that an item exists, of which kind, recorded when and where. */
export interface SealedItemRecord {
  id: string;
  kind: ClinicalItemKind;
  sealLevel: ClinicalItemRecord['sealLevel'];
  recordedAt: Date;
  authoringOrganisation: ClinicalItemRecord['authoringOrganisation'];
}

// Merges chain (A into B, later B into C); a longer chain than this means corrupt data, not a real history.
const maxMergeChain = 16;

/**
 * The one guarded path to patient data in this subgraph: single reads, look-ups by NHS number or local
 * identifier, search, the duplicate worklist, merge history, the clinical record and federation `_entities` all
 * come through here. Each asks the shared policy engine (batched per request) and every decision is recorded in
 * the audit trail: a patient out of the caller's scope is "not found" (absent from search too); clinical items
 * need a clinical role and a legitimate relationship or emergency access, then each item is filtered by its
 * seal and the patient's consent.
 */
export class PatientAccess {
  constructor(
    private readonly loaders: Loaders,
    private readonly stores: Pick<Stores, 'patients' | 'duplicates'>,
    private readonly policy: RequestPolicy,
  ) {}

  private readonly decidedLists = new Map<string, Promise<unknown>>();

  /** A patient by id; the id of a duplicate merged into another gives the survivor. */
  async byId(id: string): Promise<PatientRecord | null> {
    return this.reveal(await this.current(await this.loaders.patientById.load(id)));
  }

  async byNhsNumber(nhsNumber: string): Promise<PatientRecord | null> {
    return this.reveal(await this.current(await this.loaders.patientByNhsNumber.load(nhsNumber)));
  }

  async byLocalIdentifier(key: LocalIdentifierKey): Promise<PatientRecord | null> {
    const identifier = await this.loaders.patientByLocalIdentifier.load(key);
    return identifier ? this.byId(identifier.patientId) : null;
  }

  /** The record under exactly this id, even if merged away (merge history, duplicate pairs, `replacedBy`). */
  async record(id: string): Promise<PatientRecord | null> {
    return this.reveal(await this.loaders.patientById.load(id));
  }

  async mergedFrom(survivorId: string): Promise<PatientRecord[]> {
    return this.revealAll(await this.loaders.patientsReplacedBy.load(survivorId), 'patient.read');
  }

  async previousNames(patientId: string): Promise<PreviousNameRecord[]> {
    return this.revealFor(patientId, 'patient.read', await this.loaders.previousNamesByPatientId.load(patientId));
  }

  async localIdentifiers(patientId: string): Promise<LocalIdentifierRecord[]> {
    return this.revealFor(patientId, 'patient.read', await this.loaders.localIdentifiersByPatientId.load(patientId));
  }

  /** One page of ranked search results; merged-away patients never appear (their survivor does). */
  async search(search: PatientSearch, size: number, after: ScoreCursor | null): Promise<Page<ScoredPatient>> {
    if (search.kind === 'nhsNumber') {
      const patient = await this.current(await this.loaders.patientByNhsNumber.load(search.nhsNumber));
      const found = patient && (!after || after.id !== patient.id) ? [{ patient, score: 1 }] : [];
      return this.revealMatches(pageOf(found, size));
    }
    const matches = await this.stores.patients.search(search.criteria, { limit: size + 1, after });
    for (const match of matches) this.loaders.patientById.prime(match.patient.id, match.patient);
    return this.revealMatches(pageOf(matches, size));
  }

  async possibleDuplicates(patientId: string): Promise<DuplicateCandidateRecord[]> {
    return this.revealFor(patientId, 'duplicate-candidate.read', await this.loaders.openDuplicatesByPatientId.load(patientId));
  }

  async duplicateCandidate(id: string): Promise<DuplicateCandidateRecord | null> {
    const candidate = await this.loaders.duplicateCandidateById.load(id);
    return candidate && (await this.pairVisible(candidate)) ? candidate : null;
  }

  /** One page of the data quality worklist: pairs whose two patients the caller may both see. */
  async duplicateWorklist(minScore: number, size: number, after: ScoreCursor | null): Promise<Page<DuplicateCandidateRecord>> {
    const page = pageOf(await this.stores.duplicates.worklist(minScore, size + 1, after), size);
    const visible = await Promise.all(page.items.map((candidate) => this.pairVisible(candidate)));
    return { ...page, items: page.items.filter((_, i) => visible[i]) };
  }

  async problems(patientId: string, sealOverride?: string | null): Promise<ProblemRecord[]> {
    return this.openItems(
      await this.clinicalItems(patientId, 'PROBLEM', await this.loaders.problemsByPatientId.load(patientId), sealOverride),
    );
  }

  async allergies(patientId: string, sealOverride?: string | null): Promise<AllergyRecord[]> {
    return this.openItems(
      await this.clinicalItems(patientId, 'ALLERGY', await this.loaders.allergiesByPatientId.load(patientId), sealOverride),
    );
  }

  async medications(patientId: string, sealOverride?: string | null): Promise<MedicationRecord[]> {
    return this.openItems(
      await this.clinicalItems(patientId, 'MEDICATION', await this.loaders.medicationsByPatientId.load(patientId), sealOverride),
    );
  }

  async documents(patientId: string, sealOverride?: string | null): Promise<ClinicalDocumentRecord[]> {
    return this.openItems(
      await this.clinicalItems(patientId, 'DOCUMENT', await this.loaders.documentsByPatientId.load(patientId), sealOverride),
    );
  }

  /**
   * One clinical item by id, or null unless the caller may see it in full. Not found, a patient out of scope, no
   * relationship, a hidden item and a sealed one all answer the same, so an id never tells that an item exists.
   */
  async problem(id: string): Promise<ProblemRecord | null> {
    return this.itemById({ kind: 'PROBLEM', id }, (patientId) => this.problems(patientId));
  }

  async allergy(id: string): Promise<AllergyRecord | null> {
    return this.itemById({ kind: 'ALLERGY', id }, (patientId) => this.allergies(patientId));
  }

  async medication(id: string): Promise<MedicationRecord | null> {
    return this.itemById({ kind: 'MEDICATION', id }, (patientId) => this.medications(patientId));
  }

  /** Hospital stays reported by PAS feeds: part of the patient's administrative record, like their identifiers. */
  async admissions(patientId: string): Promise<AdmissionRecord[]> {
    return this.revealFor(patientId, 'admission.read', await this.loaders.admissionsByPatientId.load(patientId));
  }

  /** Placeholders for the sealed items of every list that the caller may know exist but not open. */
  async sealedItems(patientId: string): Promise<SealedItemRecord[]> {
    const [problems, allergies, medications, documents] = await Promise.all([
      this.loaders.problemsByPatientId.load(patientId),
      this.loaders.allergiesByPatientId.load(patientId),
      this.loaders.medicationsByPatientId.load(patientId),
      this.loaders.documentsByPatientId.load(patientId),
    ]);
    const lists = await Promise.all([
      this.clinicalItems(patientId, 'PROBLEM', problems),
      this.clinicalItems(patientId, 'ALLERGY', allergies),
      this.clinicalItems(patientId, 'MEDICATION', medications),
      this.clinicalItems(patientId, 'DOCUMENT', documents),
    ]);
    return lists.flatMap((list) =>
      list
        .filter((visible) => visible.sealed)
        .map(({ item, kind }) => ({
          id: item.id,
          kind,
          sealLevel: item.sealLevel,
          recordedAt: item.recordedAt,
          authoringOrganisation: item.authoringOrganisation,
        })),
    );
  }

  /** Whether the item of this kind and id is on the patient's own record (for nominations). */
  async ownsItem(patientId: string, kind: ClinicalItemKind, itemId: string): Promise<boolean> {
    const lists: Record<ClinicalItemKind, () => Promise<ClinicalItemRecord[]>> = {
      PROBLEM: () => this.loaders.problemsByPatientId.load(patientId),
      ALLERGY: () => this.loaders.allergiesByPatientId.load(patientId),
      MEDICATION: () => this.loaders.medicationsByPatientId.load(patientId),
      DOCUMENT: () => this.loaders.documentsByPatientId.load(patientId),
    };
    return (await lists[kind]()).some((item) => item.id === itemId.toLowerCase());
  }

  /** For writes about a patient (clinical entries, relationships): NOT_FOUND out of scope, FORBIDDEN when refused. */
  require(activity: Activity, patientId: string, action: string): Promise<void> {
    return this.policy.require(activity, patientId, action);
  }

  /**
   * The caller's view of one list, decided once per request: `problems` and `sealedItems` in one query share it
   * rather than deciding (and auditing) the same items twice.
   */
  private clinicalItems<T extends ClinicalItemRecord>(
    patientId: string,
    kind: ClinicalItemKind,
    rows: T[],
    sealOverride?: string | null,
  ): Promise<(VisibleItem<T> & { kind: ClinicalItemKind })[]> {
    const key = `${kind}|${patientId}|${sealOverride?.trim() ?? ''}`;
    let decided = this.decidedLists.get(key);
    if (!decided) {
      decided = this.decideItems(patientId, kind, rows, sealOverride);
      this.decidedLists.set(key, decided);
    }
    return decided as Promise<(VisibleItem<T> & { kind: ClinicalItemKind })[]>;
  }

  private async decideItems<T extends ClinicalItemRecord>(
    patientId: string,
    kind: ClinicalItemKind,
    rows: T[],
    sealOverride?: string | null,
  ): Promise<(VisibleItem<T> & { kind: ClinicalItemKind })[]> {
    const action = `${kind.toLowerCase()}.read`;
    await this.policy.require('clinical.read', patientId, action);
    const visible = await this.policy.filterItems(
      'clinical.read',
      rows.map((row) => ({
        ...row,
        itemRef: `${kind}:${row.id}`,
        authoringOrganisation: row.authoringOrganisation.odsCode,
        authoringTeamId: row.authoringTeam?.id ?? null,
        authorUserId: row.author.id,
      })),
      action,
      sealOverride ?? undefined,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return visible.map(({ item, sealed }) => ({ item: byId.get(item.id)!, sealed, kind }));
  }

  private openItems<T>(items: VisibleItem<T>[]): T[] {
    return items.filter((visible) => !visible.sealed).map((visible) => visible.item);
  }

  private async itemById<T extends ClinicalItemRecord>(key: ClinicalItemKey, list: (patientId: string) => Promise<T[]>): Promise<T | null> {
    const patientId = await this.loaders.patientOfItem.load(key);
    if (!patientId) return null;
    const decision = await this.policy.forPatient('clinical.read', patientId, `${key.kind.toLowerCase()}.read`);
    if (decision.effect !== 'ALLOW') return null;
    return (await list(patientId)).find((item) => item.id === key.id.toLowerCase()) ?? null;
  }

  /** Follows a merged-away patient to its survivor (through every later merge), one batched load per step. */
  private async current(patient: PatientRecord | null): Promise<PatientRecord | null> {
    let current = patient;
    for (let step = 0; current?.replacedById && step < maxMergeChain; step += 1) {
      current = await this.loaders.patientById.load(current.replacedById);
    }
    return current;
  }

  /** The patient if the caller may see them (demographics); otherwise "not found". */
  private async reveal(patient: PatientRecord | null, action = 'patient.read'): Promise<PatientRecord | null> {
    if (!patient) return null;
    return (await this.policy.forPatient('demographics.read', patient.id, action)).effect === 'ALLOW' ? patient : null;
  }

  private async revealAll(patients: PatientRecord[], action: string): Promise<PatientRecord[]> {
    const visible = await this.policy.visiblePatients(
      'demographics.read',
      patients.map((p) => p.id),
      action,
    );
    return patients.filter((p) => visible.has(p.id));
  }

  /** Search results the caller may see; others are left out as if they did not match. */
  private async revealMatches(page: Page<ScoredPatient>): Promise<Page<ScoredPatient>> {
    const visible = await this.policy.visiblePatients(
      'demographics.read',
      page.items.map((m) => m.patient.id),
      'patient.search',
    );
    return { ...page, items: page.items.filter((m) => visible.has(m.patient.id)) };
  }

  private async pairVisible(candidate: DuplicateCandidateRecord): Promise<boolean> {
    const ids = [candidate.firstPatientId, candidate.secondPatientId];
    return (await this.policy.visiblePatients('demographics.read', ids, 'duplicate-candidate.read')).size === 2;
  }

  /** Details of a patient the caller was already shown (names, identifiers); recorded, not decided again. */
  private async revealFor<T>(patientId: string, action: string, rows: T[]): Promise<T[]> {
    return (await this.policy.forPatient('demographics.read', patientId, action)).effect === 'ALLOW' ? rows : [];
  }
}
