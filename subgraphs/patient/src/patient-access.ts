import type { AuditTrail } from '@epr/platform';
import type { Loaders, Stores } from './loaders.js';
import type { LocalIdentifierKey } from './domain/demographics.js';
import { pageOf, type Page, type ScoreCursor } from './domain/pagination.js';
import type { PatientSearch } from './domain/search-criteria.js';
import type { LocalIdentifierRecord, PatientRecord, PreviousNameRecord } from './data/patient-store.js';
import type { ScoredPatient } from './data/patient-search.js';
import type { DuplicateCandidateRecord } from './data/duplicate-store.js';
import type {
  AllergyRecord,
  ClinicalDocumentRecord,
  MedicationRecord,
  ProblemRecord,
} from './data/clinical-record-store.js';

// Merges chain (A into B, later B into C); a longer chain than this means corrupt data, not a real history.
const maxMergeChain = 16;

/**
 * The one guarded path to patient data in this subgraph: single reads, look-ups by NHS number or local
 * identifier, search, the duplicate worklist, merge history, the clinical record and federation `_entities` all
 * come through here, so each read is batched and recorded in the audit trail. (Policy decisions — relationships,
 * seals, consent — join this path with the access-control work.)
 */
export class PatientAccess {
  constructor(
    private readonly loaders: Loaders,
    private readonly stores: Pick<Stores, 'patients' | 'duplicates'>,
    private readonly audit: AuditTrail,
  ) {}

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
    const replaced = await this.loaders.patientsReplacedBy.load(survivorId);
    for (const patient of replaced) this.reveal(patient);
    return replaced;
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
    if (candidate) this.revealPair(candidate);
    return candidate;
  }

  /** One page of the data quality worklist. */
  async duplicateWorklist(minScore: number, size: number, after: ScoreCursor | null): Promise<Page<DuplicateCandidateRecord>> {
    const page = pageOf(await this.stores.duplicates.worklist(minScore, size + 1, after), size);
    for (const candidate of page.items) this.revealPair(candidate);
    return page;
  }

  // Each clinical item carries its seal level and authoring team: what the seal rules will decide on, here.
  async problems(patientId: string): Promise<ProblemRecord[]> {
    return this.revealFor(patientId, 'problem.read', await this.loaders.problemsByPatientId.load(patientId));
  }

  async allergies(patientId: string): Promise<AllergyRecord[]> {
    return this.revealFor(patientId, 'allergy.read', await this.loaders.allergiesByPatientId.load(patientId));
  }

  async medications(patientId: string): Promise<MedicationRecord[]> {
    return this.revealFor(patientId, 'medication.read', await this.loaders.medicationsByPatientId.load(patientId));
  }

  async documents(patientId: string): Promise<ClinicalDocumentRecord[]> {
    return this.revealFor(patientId, 'clinical-document.read', await this.loaders.documentsByPatientId.load(patientId));
  }

  /** Follows a merged-away patient to its survivor (through every later merge), one batched load per step. */
  private async current(patient: PatientRecord | null): Promise<PatientRecord | null> {
    let current = patient;
    for (let step = 0; current?.replacedById && step < maxMergeChain; step += 1) {
      current = await this.loaders.patientById.load(current.replacedById);
    }
    return current;
  }

  private reveal(patient: PatientRecord | null, action = 'patient.read'): PatientRecord | null {
    if (patient) this.audit.record({ action, outcome: 'ALLOWED', patientId: patient.id });
    return patient;
  }

  private revealMatches(page: Page<ScoredPatient>): Page<ScoredPatient> {
    for (const match of page.items) this.reveal(match.patient, 'patient.search');
    return page;
  }

  private revealPair(candidate: DuplicateCandidateRecord): void {
    for (const patientId of [candidate.firstPatientId, candidate.secondPatientId]) {
      this.audit.record({ action: 'duplicate-candidate.read', outcome: 'ALLOWED', patientId });
    }
  }

  private revealFor<T>(patientId: string, action: string, rows: T[]): T[] {
    if (rows.length > 0) this.audit.record({ action, outcome: 'ALLOWED', patientId });
    return rows;
  }
}
