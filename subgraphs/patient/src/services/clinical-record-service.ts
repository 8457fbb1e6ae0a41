import { forbidden, itemKeepers, notFound, type Transaction, type VisibleItem } from '@epr/platform';
import type { AuditAction } from '@epr/policy';
import type { SealLevel } from '../__generated__/resolvers-types.js';
import { chooseAuthoringTeam } from '../domain/authoring-team.js';
import {
  parseAllergy,
  parseClinicalDocument,
  parseMedication,
  parseProblem,
  type AllergyRequest,
  type DocumentRequest,
  type MedicationRequest,
  type ProblemRequest,
} from '../domain/clinical-entries.js';
import type {
  AllergyRecord,
  Authorship,
  CreatedItem,
  ClinicalDocumentRecord,
  ClinicalItemRecord,
  MedicationRecord,
  ProblemRecord,
} from '../data/clinical-record-store.js';
import type { ClinicalItemKey } from '../data/loaders.js';
import type { Tx } from '../data/prisma.js';
import type { PatientService } from './patient-service.js';
import type { ServiceRequest } from './request.js';

export type ClinicalItemKind = 'PROBLEM' | 'ALLERGY' | 'MEDICATION' | 'DOCUMENT';

/** What a sealed placeholder tells: that an item exists, of which kind, recorded when and where. */
export interface SealedItemRecord {
  id: string;
  patientId: string;
  kind: ClinicalItemKind;
  sealLevel: ClinicalItemRecord['sealLevel'];
  recordedAt: Date;
  authoringOrganisation: ClinicalItemRecord['authoringOrganisation'];
}

type Decided<T> = VisibleItem<T> & { kind: ClinicalItemKind };

interface EntryInput {
  patientId: string;
  sealLevel?: SealLevel | null;
  authoringTeamId?: string | null;
}

const readActions: Record<ClinicalItemKind, AuditAction> = {
  PROBLEM: 'problem.read',
  ALLERGY: 'allergy.read',
  MEDICATION: 'medication.read',
  DOCUMENT: 'document.read',
};

/**
 * The clinical record: problems, allergies, medications and documents. Reading needs a clinical role and a
 * legitimate relationship (or emergency access); each item is then filtered by its seal, nominations and the
 * patient's consent — decided once per list and request, so `problems` and `sealedItems` in one query do not
 * decide (and record) the same items twice. Writing needs the same grounds as reading.
 */
export class ClinicalRecordService {
  private readonly decidedLists = new Map<string, Promise<unknown>>();

  constructor(
    private readonly request: ServiceRequest,
    private readonly patients: PatientService,
  ) {}

  async problems(patientId: string, sealOverride?: string | null): Promise<ProblemRecord[]> {
    return open(await this.decided(patientId, 'PROBLEM', this.request.loaders.problemsByPatientId, sealOverride));
  }

  async allergies(patientId: string, sealOverride?: string | null): Promise<AllergyRecord[]> {
    return open(await this.decided(patientId, 'ALLERGY', this.request.loaders.allergiesByPatientId, sealOverride));
  }

  async medications(patientId: string, sealOverride?: string | null): Promise<MedicationRecord[]> {
    return open(await this.decided(patientId, 'MEDICATION', this.request.loaders.medicationsByPatientId, sealOverride));
  }

  async documents(patientId: string, sealOverride?: string | null): Promise<ClinicalDocumentRecord[]> {
    return open(await this.decided(patientId, 'DOCUMENT', this.request.loaders.documentsByPatientId, sealOverride));
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

  /** Placeholders for the sealed items of every list that the caller may know exist but not open. */
  async sealedItems(patientId: string): Promise<SealedItemRecord[]> {
    const { loaders } = this.request;
    const lists = await Promise.all([
      this.decided(patientId, 'PROBLEM', loaders.problemsByPatientId),
      this.decided(patientId, 'ALLERGY', loaders.allergiesByPatientId),
      this.decided(patientId, 'MEDICATION', loaders.medicationsByPatientId),
      this.decided(patientId, 'DOCUMENT', loaders.documentsByPatientId),
    ]);
    return lists.flatMap((list: Decided<ClinicalItemRecord>[]) =>
      list
        .filter((visible) => visible.sealed)
        .map(({ item, kind }) => ({
          id: item.id,
          patientId: item.patientId,
          kind,
          sealLevel: item.sealLevel,
          recordedAt: item.recordedAt,
          authoringOrganisation: item.authoringOrganisation,
        })),
    );
  }

  /** Whether the item of this kind and id is on the patient's own record (for nominations). */
  async ownsItem(patientId: string, kind: ClinicalItemKind, itemId: string): Promise<boolean> {
    const { loaders } = this.request;
    const lists: Record<ClinicalItemKind, () => Promise<ClinicalItemRecord[]>> = {
      PROBLEM: () => loaders.problemsByPatientId.load(patientId),
      ALLERGY: () => loaders.allergiesByPatientId.load(patientId),
      MEDICATION: () => loaders.medicationsByPatientId.load(patientId),
      DOCUMENT: () => loaders.documentsByPatientId.load(patientId),
    };
    return (await lists[kind]()).some((item) => item.id === itemId.toLowerCase());
  }

  recordProblem(input: ProblemRequest & EntryInput): Promise<ProblemRecord> {
    const entry = parseProblem(input);
    return this.write(input, 'problem.create', 'PROBLEM', (patientId, by, transaction) =>
      this.request.stores.clinicalRecord.recordProblem(patientId, entry, by, transaction),
    );
  }

  recordAllergy(input: AllergyRequest & EntryInput): Promise<AllergyRecord> {
    const entry = parseAllergy(input);
    return this.write(input, 'allergy.create', 'ALLERGY', (patientId, by, transaction) =>
      this.request.stores.clinicalRecord.recordAllergy(patientId, entry, by, transaction),
    );
  }

  recordMedication(input: MedicationRequest & EntryInput): Promise<MedicationRecord> {
    const entry = parseMedication(input);
    return this.write(input, 'medication.create', 'MEDICATION', (patientId, by, transaction) =>
      this.request.stores.clinicalRecord.recordMedication(patientId, entry, by, transaction),
    );
  }

  fileDocument(input: DocumentRequest & EntryInput): Promise<ClinicalDocumentRecord> {
    const entry = parseClinicalDocument(input);
    return this.write(input, 'document.create', 'DOCUMENT', (patientId, by, transaction) =>
      this.request.stores.clinicalRecord.fileDocument(patientId, entry, by, transaction),
    );
  }

  /**
   * Writes a checked entry to the patient's record (a merged-away patient's record is the survivor's), authored
   * by the caller for their organisation and care team.
   */
  private async write<T extends { id: string }>(
    input: EntryInput,
    action: AuditAction,
    kind: ClinicalItemKind,
    store: (patientId: string, by: Authorship, transaction: Transaction<Tx, CreatedItem>) => Promise<T>,
  ): Promise<T> {
    const { policy, writes } = this.request;
    const patient = await this.patients.byId(input.patientId);
    if (!patient) throw notFound('No patient with this id is visible to you.', 'input.patientId');
    // Writing clinical entries needs the same legitimate relationship (or emergency access) as reading them.
    await policy.require('clinical.write', patient.id, action);
    const by = await this.authorship(input);
    // A sealed-and-locked item's very existence is for its authoring team only, in the security log too.
    const keepers =
      by.sealLevel === 'SEALED_AND_LOCKED' ? itemKeepers({ authoringTeamId: by.authoringTeamId, authorUserId: by.authorId }) : null;
    return store(
      patient.id,
      by,
      writes.for((created) => [
        { action, outcome: 'ALLOWED', patientId: patient.id, items: [`${kind}:${created.id}`], ...(keepers ? { visibleTo: keepers } : {}) },
      ]),
    );
  }

  private async authorship(input: EntryInput): Promise<Authorship> {
    const { caller, loaders } = this.request;
    const organisation = await loaders.organisationByOds.load(caller.organisationOds);
    // The gateway checked the role profile against the directory, so this means the directory changed since.
    if (!organisation) throw forbidden('The organisation of your role profile is no longer in the directory. Sign in again.');
    const memberships = await loaders.careTeamsByRoleProfileId.load(caller.roleProfileId);
    const teams = memberships.map((m) => m.careTeam).filter((team) => team.organisationId === organisation.id);
    const sealLevel = input.sealLevel ?? 'NONE';
    return {
      sealLevel,
      authorId: caller.userId,
      authoringOrganisationId: organisation.id,
      authoringTeamId: chooseAuthoringTeam(input.authoringTeamId?.toLowerCase(), teams, sealLevel),
    };
  }

  private async itemById<T extends ClinicalItemRecord>(key: ClinicalItemKey, list: (patientId: string) => Promise<T[]>): Promise<T | null> {
    const patientId = await this.request.loaders.patientOfItem.load(key);
    if (!patientId) return null;
    const decision = await this.request.policy.forPatient('clinical.read', patientId, readActions[key.kind]);
    if (decision.effect !== 'ALLOW') return null;
    return (await list(patientId)).find((item) => item.id === key.id.toLowerCase()) ?? null;
  }

  /** The caller's view of one list, decided once per request and seal-override justification. */
  private decided<T extends ClinicalItemRecord>(
    patientId: string,
    kind: ClinicalItemKind,
    loader: { load: (patientId: string) => Promise<T[]> },
    sealOverride?: string | null,
  ): Promise<Decided<T>[]> {
    const key = `${kind}|${patientId}|${sealOverride?.trim() ?? ''}`;
    let decided = this.decidedLists.get(key);
    if (!decided) {
      decided = this.decide(patientId, kind, loader, sealOverride);
      this.decidedLists.set(key, decided);
    }
    return decided as Promise<Decided<T>[]>;
  }

  private async decide<T extends ClinicalItemRecord>(
    patientId: string,
    kind: ClinicalItemKind,
    loader: { load: (patientId: string) => Promise<T[]> },
    sealOverride?: string | null,
  ): Promise<Decided<T>[]> {
    const { policy } = this.request;
    const action = readActions[kind];
    await policy.require('clinical.read', patientId, action);
    const rows = await loader.load(patientId);
    const visible = await policy.filterItems(
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
}

function open<T>(items: VisibleItem<T>[]): T[] {
  return items.filter((visible) => !visible.sealed).map((visible) => visible.item);
}
