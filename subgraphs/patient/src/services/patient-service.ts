import { conflict, notFound, sqlOn } from '@epr/platform';
import type { LocalIdentifierKey } from '../domain/demographics.js';
import { parseLocalIdentifier } from '../domain/demographics.js';
import { pageOf, type Page, type ScoreCursor } from '../domain/pagination.js';
import type { PatientSearch } from '../domain/search-criteria.js';
import { validateRegistration, type RegisterPatientRequest } from '../domain/register-patient.js';
import { validatePatientUpdate, type UpdatePatientRequest } from '../domain/update-patient.js';
import type { LocalIdentifierRecord, PatientRecord, PreviousNameRecord } from '../data/patient-store.js';
import type { ScoredPatient } from '../data/search/patient-search.js';
import type { ServiceRequest } from './request.js';
import type { InterfaceMessageInput } from '../__generated__/resolvers-types.js';
import { recordMessage, unappliedMessage } from './interface-messages.js';
import { maxMergeChain } from '../domain/merge.js';

/**
 * Patients in the master patient index: single reads, look-ups by NHS number or local identifier, search, merge
 * history and federation `_entities` all come through here, decided by the policy engine (batched per request)
 * and recorded. A patient out of the caller's scope is "not found" (absent from search too). Registration and
 * demographic changes are written here too.
 */
export class PatientService {
  constructor(private readonly request: ServiceRequest) {}

  /** A patient by id; the id of a duplicate merged into another gives the survivor. */
  async byId(id: string): Promise<PatientRecord | null> {
    return this.reveal(await this.current(await this.request.loaders.patientById.load(id)));
  }

  async byNhsNumber(nhsNumber: string): Promise<PatientRecord | null> {
    return this.reveal(await this.current(await this.request.loaders.patientByNhsNumber.load(nhsNumber)));
  }

  async byLocalIdentifier(key: LocalIdentifierKey): Promise<PatientRecord | null> {
    const identifier = await this.request.loaders.patientByLocalIdentifier.load(key);
    return identifier ? this.byId(identifier.patientId) : null;
  }

  /** The signed-in patient's own record (the portal); null for staff, whose accounts belong to no patient. */
  async ownRecord(): Promise<PatientRecord | null> {
    const patientId = this.request.caller.patientId;
    return patientId ? this.byId(patientId) : null;
  }

  /** The record under exactly this id, even if merged away (merge history, duplicate pairs, `replacedBy`). */
  async record(id: string): Promise<PatientRecord | null> {
    return this.reveal(await this.request.loaders.patientById.load(id));
  }

  async mergedFrom(survivorId: string): Promise<PatientRecord[]> {
    const patients = await this.request.loaders.patientsReplacedBy.load(survivorId);
    const visible = await this.request.policy.visiblePatients(
      'demographics.read',
      patients.map((p) => p.id),
      'patient.read',
    );
    return patients.filter((p) => visible.has(p.id));
  }

  /**
   * Every patient id the record of `patient` (a current patient, the survivor of its merges) is filed under: its
   * own first, then every patient merged into it, directly or through an earlier merge. Other subgraphs list
   * what they hold under these ids as this patient's; the patient was revealed before this is asked.
   */
  async recordPatientIds(patient: PatientRecord): Promise<string[]> {
    return [patient.id, ...(await this.request.loaders.mergedIntoPatientId.load(patient.id))];
  }

  async previousNames(patientId: string): Promise<PreviousNameRecord[]> {
    return (await this.allowed(patientId)) ? this.request.loaders.previousNamesByPatientId.load(patientId) : [];
  }

  async localIdentifiers(patientId: string): Promise<LocalIdentifierRecord[]> {
    return (await this.allowed(patientId)) ? this.request.loaders.localIdentifiersByPatientId.load(patientId) : [];
  }

  /** One page of ranked search results; merged-away patients never appear (their survivor does). */
  async search(search: PatientSearch, size: number, after: ScoreCursor | null): Promise<Page<ScoredPatient>> {
    const { loaders, stores } = this.request;
    if (search.kind === 'nhsNumber') {
      const patient = await this.current(await loaders.patientByNhsNumber.load(search.nhsNumber));
      const found = patient && (!after || after.id !== patient.id) ? [{ patient, score: 1 }] : [];
      return this.revealMatches(pageOf(found, size));
    }
    const matches = await stores.patients.search(search.criteria, { limit: size + 1, after });
    for (const match of matches) loaders.patientById.prime(match.patient.id, match.patient);
    return this.revealMatches(pageOf(matches, size));
  }

  /** Registration gives the registering organisation a legitimate relationship, in the same transaction. */
  async register(input: RegisterPatientRequest, messageInput?: InterfaceMessageInput | null): Promise<PatientRecord> {
    const { stores, relationships, caller, writes } = this.request;
    const message = await unappliedMessage(this.request, messageInput);
    return stores.patients.register(
      validateRegistration(input),
      async (tx, created) => {
        await stores.duplicates.detect(tx, created);
        await relationships.careRelationship(sqlOn(tx), {
          patientId: created.id,
          holder: { kind: 'ORGANISATION', id: caller.organisationOds },
          type: 'REGISTRATION',
          sourceRef: `registration:${caller.organisationOds}:${created.id}`,
          createdBy: caller.userId,
        });
        await recordMessage(this.request, tx, message, created.id);
      },
      writes.for((created) => [{ action: 'patient.create', outcome: 'ALLOWED', patientId: created.id }], {
        idOf: (created) => created.id,
        reload: (id) => this.request.loaders.patientById.load(id),
      }),
    );
  }

  async update(input: UpdatePatientRequest & { id: string }, messageInput?: InterfaceMessageInput | null): Promise<PatientRecord> {
    const { stores, loaders, writes } = this.request;
    const message = await unappliedMessage(this.request, messageInput);
    const current = await this.changeable(input.id, 'input.id');
    // Checked again against the patient as it is once locked: another change may have landed meanwhile.
    const patient = await stores.patients.update(
      current.id,
      (locked) => validatePatientUpdate(input, locked),
      async (tx, updated) => {
        await stores.duplicates.detect(tx, updated);
        await recordMessage(this.request, tx, message, updated.id);
      },
      writes.for((updated) => [{ action: 'patient.update', outcome: 'ALLOWED', patientId: updated.id }]),
    );
    loaders.patientById.clear(patient.id).prime(patient.id, patient);
    return patient;
  }

  async addLocalIdentifier(input: { patientId: string; identifier: { organisation: string; value: string } }): Promise<PatientRecord> {
    const { stores, writes } = this.request;
    const identifier = parseLocalIdentifier(input.identifier, 'input.identifier');
    const patient = await this.changeable(input.patientId, 'input.patientId');
    await stores.patients.addLocalIdentifier(
      patient.id,
      identifier,
      writes.for(() => [{ action: 'patient.update', outcome: 'ALLOWED', patientId: patient.id }]),
    );
    return patient;
  }

  /** The patient to change, which must not have been merged away: changes belong on the survivor. */
  async changeable(id: string, field: string): Promise<PatientRecord> {
    const patient = await this.record(id);
    if (!patient) throw notFound('No patient with this id is visible to you.', field);
    if (patient.replacedById) {
      throw conflict(`This patient was merged into patient ${patient.replacedById}; change that patient instead.`, field);
    }
    return patient;
  }

  /** Follows a merged-away patient to its survivor (through every later merge), one batched load per step. */
  private async current(patient: PatientRecord | null): Promise<PatientRecord | null> {
    let current = patient;
    for (let step = 0; current?.replacedById && step < maxMergeChain; step += 1) {
      current = await this.request.loaders.patientById.load(current.replacedById);
    }
    return current;
  }

  /** The patient if the caller may see them (demographics); otherwise "not found". */
  private async reveal(patient: PatientRecord | null): Promise<PatientRecord | null> {
    return patient && (await this.allowed(patient.id)) ? patient : null;
  }

  private async allowed(patientId: string): Promise<boolean> {
    return (await this.request.policy.forPatient('demographics.read', patientId, 'patient.read')).effect === 'ALLOW';
  }

  /** Search results the caller may see; others are left out as if they did not match. */
  private async revealMatches(page: Page<ScoredPatient>): Promise<Page<ScoredPatient>> {
    const visible = await this.request.policy.visiblePatients(
      'demographics.read',
      page.items.map((m) => m.patient.id),
      'patient.search',
    );
    return { ...page, items: page.items.filter((m) => visible.has(m.patient.id)) };
  }
}
