import { forbidden, itemKeepers, notFound, type GuardedItem, type Transaction, type VisibleItem } from '@epr/platform';
import type { AuditAction } from '@epr/policy';
import type { SealLevel } from '../__generated__/resolvers-types.js';
import { chooseAuthoringTeam } from '../domain/authoring-team.js';
import {
  parseAllergy,
  parseAllergyAmendment,
  parseClinicalDocument,
  parseDocumentAmendment,
  parseMedication,
  parseMedicationAmendment,
  parseProblem,
  parseProblemAmendment,
  type AllergyAmendment,
  type AllergyRequest,
  type DocumentAmendment,
  type DocumentRequest,
  type MedicationAmendment,
  type MedicationRequest,
  type ProblemAmendment,
  type ProblemRequest,
} from '../domain/clinical-entries.js';
import {
  changeReason,
  checkChangeable,
  parseEndDate,
  parseExpectedVersion,
  resolveProblem,
  reviseMedication,
  reviseProblem,
  stopMedication,
  type ChangeRequest,
} from '../domain/clinical-lifecycle.js';
import { isUuid } from '../domain/identifiers.js';
import type {
  AllergyRecord,
  AnyClinicalItemRecord,
  Authorship,
  CreatedItem,
  ClinicalDocumentRecord,
  ClinicalItemOfKind,
  ClinicalItemRecord,
  ItemChange,
  MedicationRecord,
  ProblemRecord,
  Versioning,
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

const amendActions: Record<ClinicalItemKind, AuditAction> = {
  PROBLEM: 'problem.amend',
  ALLERGY: 'allergy.amend',
  MEDICATION: 'medication.amend',
  DOCUMENT: 'document.amend',
};

const enteredInErrorActions: Record<ClinicalItemKind, AuditAction> = {
  PROBLEM: 'problem.entered-in-error',
  ALLERGY: 'allergy.entered-in-error',
  MEDICATION: 'medication.entered-in-error',
  DOCUMENT: 'document.entered-in-error',
};

/**
 * How a change is written by the store: the item's id, the change, its audited transaction, and the check every
 * change makes of the item as it stands under its row lock (not entered in error, at the version the client read).
 */
type ChangeWrite<T> = (
  id: string,
  change: ItemChange,
  transaction: Transaction<Tx, T>,
  check: <N extends Versioning>(now: N) => N,
) => Promise<T>;

/** The changes to write, once the item as it stands has passed the check every change makes. */
const writing = <D>(_checked: Versioning, changes: D): D => changes;

/** A clinical item with its facts for the policy engine. */
function guarded<T extends ClinicalItemRecord>(kind: ClinicalItemKind, item: T): T & GuardedItem {
  return {
    ...item,
    itemRef: `${kind}:${item.id}`,
    authoringOrganisation: item.authoringOrganisation.odsCode,
    authoringTeamId: item.authoringTeam?.id ?? null,
    authorUserId: item.author.id,
    enteredInError: item.enteredInError,
  };
}

/**
 * The clinical record: problems, allergies, medications and documents. Reading needs a clinical role and a
 * legitimate relationship (or emergency access); each item is then filtered by its seal, nominations and the
 * patient's consent — decided once per list and request, so `problems` and `sealedItems` in one query do not
 * decide (and record) the same items twice. Writing needs the same grounds as reading; changing an item (a
 * correction, a resolution or stop, entered in error) also needs to read it in full. Items entered in error are in
 * no list; by id they are read by their authoring team and author and by clinical governance roles.
 */
export class ClinicalRecordService {
  private readonly decidedLists = new Map<string, Promise<unknown>>();
  /** Items (`<KIND>:<id>`) this request has decided the caller may read in full, through any list or by id. */
  private readonly openedInFull = new Set<string>();

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
    return this.itemById({ kind: 'PROBLEM', id });
  }

  async allergy(id: string): Promise<AllergyRecord | null> {
    return this.itemById({ kind: 'ALLERGY', id });
  }

  async medication(id: string): Promise<MedicationRecord | null> {
    return this.itemById({ kind: 'MEDICATION', id });
  }

  async document(id: string): Promise<ClinicalDocumentRecord | null> {
    return this.itemById({ kind: 'DOCUMENT', id });
  }

  /**
   * An item's earlier versions, most recent first, as they were — to exactly those who may read the item in full
   * (the item's own decision: its seal, nominations and the patient's consent carry over to every version). An
   * earlier version has none of its own.
   */
  async previousVersions<T extends ClinicalItemRecord>(kind: ClinicalItemKind, item: T): Promise<T[]> {
    if (item.supersededAt !== null || !(await this.readableInFull(kind, item))) return [];
    const versions = await this.request.loaders.earlierVersionsOf.load({ kind, id: item.id });
    // Versions hang off the item as it stands: after a merge, on the survivor's record.
    return versions.map((version) => ({ ...version, patientId: item.patientId }) as unknown as T);
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

  amendProblem(input: ProblemAmendment & ChangeRequest): Promise<ProblemRecord> {
    const amendment = parseProblemAmendment(input);
    return this.change<ProblemRecord>('PROBLEM', input, amendActions.PROBLEM, 'AMENDED', (id, change, transaction, check) =>
      this.request.stores.clinicalRecord.changeProblem(id, (now) => reviseProblem(check(now), amendment), change, transaction),
    );
  }

  amendAllergy(input: AllergyAmendment & ChangeRequest): Promise<AllergyRecord> {
    const amendment = parseAllergyAmendment(input);
    return this.change<AllergyRecord>('ALLERGY', input, amendActions.ALLERGY, 'AMENDED', (id, change, transaction, check) =>
      this.request.stores.clinicalRecord.changeAllergy(id, (now) => writing(check(now), amendment), change, transaction),
    );
  }

  amendMedication(input: MedicationAmendment & ChangeRequest): Promise<MedicationRecord> {
    const amendment = parseMedicationAmendment(input);
    return this.change<MedicationRecord>('MEDICATION', input, amendActions.MEDICATION, 'AMENDED', (id, change, transaction, check) =>
      this.request.stores.clinicalRecord.changeMedication(id, (now) => reviseMedication(check(now), amendment), change, transaction),
    );
  }

  amendDocument(input: DocumentAmendment & ChangeRequest): Promise<ClinicalDocumentRecord> {
    const amendment = parseDocumentAmendment(input);
    return this.change<ClinicalDocumentRecord>('DOCUMENT', input, amendActions.DOCUMENT, 'AMENDED', (id, change, transaction, check) =>
      this.request.stores.clinicalRecord.changeDocument(id, (now) => writing(check(now), amendment), change, transaction),
    );
  }

  resolveProblem(input: ChangeRequest & { resolvedOn: string }): Promise<ProblemRecord> {
    const resolvedOn = parseEndDate(input.resolvedOn, new Date(), 'input.resolvedOn', 'The date it resolved');
    return this.change<ProblemRecord>('PROBLEM', input, 'problem.resolve', 'RESOLVED', (id, change, transaction, check) =>
      this.request.stores.clinicalRecord.changeProblem(id, (now) => resolveProblem(check(now), resolvedOn), change, transaction),
    );
  }

  stopMedication(input: ChangeRequest & { stoppedOn: string }): Promise<MedicationRecord> {
    const stoppedOn = parseEndDate(input.stoppedOn, new Date(), 'input.stoppedOn', 'The date it stopped');
    return this.change<MedicationRecord>('MEDICATION', input, 'medication.stop', 'STOPPED', (id, change, transaction, check) =>
      this.request.stores.clinicalRecord.changeMedication(id, (now) => stopMedication(check(now), stoppedOn), change, transaction),
    );
  }

  /** Takes an item out of every list, keeping it (and its earlier versions) for audit; the content stays as it was. */
  async markEnteredInError(input: ChangeRequest & { kind: ClinicalItemKind }): Promise<ClinicalItemOfKind> {
    const store = this.request.stores.clinicalRecord;
    const action = enteredInErrorActions[input.kind];
    const mark = <T extends ClinicalItemRecord>(write: ChangeWrite<T>) => this.change(input.kind, input, action, 'ENTERED_IN_ERROR', write);
    const byKind = {
      PROBLEM: () => mark<ProblemRecord>((id, change, tx, check) => store.changeProblem(id, (now) => writing(check(now), {}), change, tx)),
      ALLERGY: () => mark<AllergyRecord>((id, change, tx, check) => store.changeAllergy(id, (now) => writing(check(now), {}), change, tx)),
      MEDICATION: () =>
        mark<MedicationRecord>((id, change, tx, check) => store.changeMedication(id, (now) => writing(check(now), {}), change, tx)),
      DOCUMENT: () =>
        mark<ClinicalDocumentRecord>((id, change, tx, check) => store.changeDocument(id, (now) => writing(check(now), {}), change, tx)),
    } satisfies Record<ClinicalItemKind, () => Promise<AnyClinicalItemRecord>>;
    return { ...(await byKind[input.kind]()), kind: input.kind };
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
      writes.for(
        (created) => [
          {
            action,
            outcome: 'ALLOWED',
            patientId: patient.id,
            items: [`${kind}:${created.id}`],
            ...(keepers ? { visibleTo: keepers } : {}),
          },
        ],
        // A retry gets the item the first attempt wrote (the store reads it back by id).
        { idOf: (created) => created.id, reload: async (id) => ({ id }) },
      ),
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

  /**
   * One item by id if the caller may read it in full, else null — whether it does not exist, belongs to a patient
   * out of scope, is sealed or hidden from the caller, or was entered in error (kept for its authors and reviewers).
   */
  private async itemById<T extends ClinicalItemRecord>(key: ClinicalItemKey): Promise<T | null> {
    const item = (await this.request.loaders.clinicalItemById.load(key)) as T | null;
    if (!item) return null;
    const decision = await this.request.policy.forPatient('clinical.read', item.patientId, readActions[key.kind]);
    if (decision.effect !== 'ALLOW') return null;
    return (await this.readableInFull(key.kind, item)) ? item : null;
  }

  /** Whether the caller may read this item in full (decided and recorded once per request, however it was reached). */
  private async readableInFull(kind: ClinicalItemKind, item: ClinicalItemRecord): Promise<boolean> {
    const ref = `${kind}:${item.id}`;
    if (this.openedInFull.has(ref)) return true;
    const [visible] = await this.request.policy.filterItems('clinical.read', [guarded(kind, item)], readActions[kind]);
    if (visible && !visible.sealed) this.openedInFull.add(ref);
    return this.openedInFull.has(ref);
  }

  /**
   * A change to one item: the reason and version checked first, then the grounds — to record clinical items for
   * the item's patient, and to read this item in full (otherwise, as for a read, it is not found) — then the store
   * writes it under the item's row lock, in a transaction that carries the change's security-log row.
   */
  private async change<T extends ClinicalItemRecord>(
    kind: ClinicalItemKind,
    input: ChangeRequest,
    action: AuditAction,
    changeKind: ItemChange['kind'],
    write: ChangeWrite<T>,
  ): Promise<T> {
    const { caller, loaders, policy, writes } = this.request;
    const reason = changeReason(input.reason, changeKind !== 'RESOLVED');
    const expected = parseExpectedVersion(input.expectedVersion);
    const key = { kind, id: input.id };
    const item = isUuid(input.id.toLowerCase()) ? await loaders.clinicalItemById.load(key) : null;
    const allowed =
      item &&
      (await policy.forPatient('clinical.write', item.patientId, action)).effect === 'ALLOW' &&
      (await this.readableInFull(kind, item));
    if (!item || !allowed) throw notFound('No such item is visible to you.', 'input.id');
    // A sealed-and-locked item's very existence is for its authoring team only, in the security log too.
    const keepers = item.sealLevel === 'SEALED_AND_LOCKED' ? itemKeepers(guarded(kind, item)) : null;
    const changed = await write(
      item.id,
      { kind: changeKind, reason, changedBy: caller.userId },
      writes.for(
        (done) => [
          {
            action,
            outcome: 'ALLOWED',
            patientId: done.patientId,
            items: [`${kind}:${done.id}`],
            ...(keepers ? { visibleTo: keepers } : {}),
          },
        ],
        // A retry gets the item as the first attempt left it.
        { idOf: (done) => done.id, reload: async (id) => (await this.reload(kind, id)) as T | null },
      ),
      (now) => {
        checkChangeable(now, expected);
        return now;
      },
    );
    this.forget(kind, changed);
    return changed;
  }

  private async reload(kind: ClinicalItemKind, id: string): Promise<AnyClinicalItemRecord | null> {
    this.request.loaders.clinicalItemById.clear({ kind, id });
    return this.request.loaders.clinicalItemById.load({ kind, id });
  }

  /** What this request has read of a changed item and its list is stale: later fields read it again. */
  private forget(kind: ClinicalItemKind, item: ClinicalItemRecord): void {
    const { loaders } = this.request;
    loaders.clinicalItemById.clear({ kind, id: item.id });
    loaders.earlierVersionsOf.clear({ kind, id: item.id });
    const lists = {
      PROBLEM: loaders.problemsByPatientId,
      ALLERGY: loaders.allergiesByPatientId,
      MEDICATION: loaders.medicationsByPatientId,
      DOCUMENT: loaders.documentsByPatientId,
    };
    lists[kind].clear(item.patientId);
    this.decidedLists.clear();
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
      rows.map((row) => guarded(kind, row)),
      action,
      sealOverride ?? undefined,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const { item, sealed } of visible) if (!sealed) this.openedInFull.add(item.itemRef);
    return visible.map(({ item, sealed }) => ({ item: byId.get(item.id)!, sealed, kind }));
  }
}

function open<T>(items: VisibleItem<T>[]): T[] {
  return items.filter((visible) => !visible.sealed).map((visible) => visible.item);
}
