import DataLoader from 'dataloader';
import { groupByKeys, orderByKeys, type Consent, type ConsentRegister } from '@epr/platform';
import type { LocalIdentifierKey } from '../domain/demographics.js';
import { isUuid } from '../domain/identifiers.js';
import { maxMergeChain } from '../domain/merge.js';
import type { LocalIdentifierRecord, PatientRecord, PatientStore, PreviousNameRecord } from './patient-store.js';
import type {
  CareTeamRecord,
  DirectoryStore,
  OrganisationRecord,
  TeamMemberRecord,
  TeamMembershipRecord,
  UserRecord,
} from './directory-store.js';
import type { DuplicateCandidateRecord, DuplicateStore } from './duplicate-store.js';
import type {
  AllergyRecord,
  AnyClinicalItemRecord,
  ClinicalDocumentRecord,
  ClinicalItemKey,
  ClinicalRecordStore,
  MedicationRecord,
  ProblemRecord,
} from './clinical-record-store.js';
import type { MergeStore, PatientMergeRecord } from './merge-store.js';
import type { CareStandingStore } from './care-standing-store.js';
import type { AdmissionRecord, AdmissionStore } from './admission-store.js';
import type { InterfaceMessageStore } from './interface-message-store.js';
import type { SessionRevocationStore } from './session-revocation-store.js';

/** Per-request loaders: every batched read of this subgraph goes through one of these, one SQL statement a batch. */
export interface Loaders {
  /** The patient row itself, merged away or not (PatientAccess follows merges). */
  patientById: DataLoader<string, PatientRecord | null>;
  patientByNhsNumber: DataLoader<string, PatientRecord | null>;
  patientByLocalIdentifier: DataLoader<LocalIdentifierKey, LocalIdentifierRecord | null, string>;
  patientsReplacedBy: DataLoader<string, PatientRecord[]>;
  /** Every patient merged into a survivor, directly or through a chain of merges. */
  mergedIntoPatientId: DataLoader<string, string[]>;
  previousNamesByPatientId: DataLoader<string, PreviousNameRecord[]>;
  localIdentifiersByPatientId: DataLoader<string, LocalIdentifierRecord[]>;
  openDuplicatesByPatientId: DataLoader<string, DuplicateCandidateRecord[]>;
  duplicateCandidateById: DataLoader<string, DuplicateCandidateRecord | null>;
  mergeById: DataLoader<string, PatientMergeRecord | null>;
  problemsByPatientId: DataLoader<string, ProblemRecord[]>;
  allergiesByPatientId: DataLoader<string, AllergyRecord[]>;
  medicationsByPatientId: DataLoader<string, MedicationRecord[]>;
  documentsByPatientId: DataLoader<string, ClinicalDocumentRecord[]>;
  /** A clinical item by kind and id, entered in error or not (reads of one item by id, changes). */
  clinicalItemById: DataLoader<ClinicalItemKey, AnyClinicalItemRecord | null, string>;
  /** A clinical item's earlier versions, most recent first. */
  earlierVersionsOf: DataLoader<ClinicalItemKey, AnyClinicalItemRecord[], string>;
  admissionsByPatientId: DataLoader<string, AdmissionRecord[]>;
  organisationByOds: DataLoader<string, OrganisationRecord | null>;
  organisationById: DataLoader<string, OrganisationRecord | null>;
  userById: DataLoader<string, UserRecord | null>;
  careTeamById: DataLoader<string, CareTeamRecord | null>;
  careTeamsByOrganisationId: DataLoader<string, CareTeamRecord[]>;
  membersByCareTeamId: DataLoader<string, TeamMemberRecord[]>;
  careTeamsByRoleProfileId: DataLoader<string, TeamMembershipRecord[]>;
  consentByPatientId: DataLoader<string, Consent>;
}

export interface Stores {
  patients: PatientStore;
  directory: DirectoryStore;
  duplicates: DuplicateStore;
  merges: MergeStore;
  careStanding: CareStandingStore;
  clinicalRecord: ClinicalRecordStore;
  admissions: AdmissionStore;
  interfaceMessages: InterfaceMessageStore;
  sessionRevocations: SessionRevocationStore;
}

export type { ClinicalItemKey } from './clinical-record-store.js';

export function createLoaders(
  { patients, directory, duplicates, merges, clinicalRecord, admissions }: Stores,
  consents: ConsentRegister,
): Loaders {
  return {
    patientById: new DataLoader(byUuid((ids) => patients.findByIds(ids))),
    patientByNhsNumber: new DataLoader(async (numbers) =>
      orderByKeys(numbers, await patients.findByNhsNumbers(numbers), (p) => p.nhsNumber ?? ''),
    ),
    patientByLocalIdentifier: new DataLoader(
      async (keys) => orderByKeys(keys.map(localIdentifierKey), await patients.findByLocalIdentifiers(keys), recordKey),
      { cacheKeyFn: localIdentifierKey },
    ),
    patientsReplacedBy: new DataLoader(async (ids) => groupByKeys(ids, await patients.findReplacedBy(ids), (p) => p.replacedById!)),
    mergedIntoPatientId: new DataLoader(async (ids) => {
      const valid = ids.filter(isUuid);
      const merged = valid.length ? await patients.mergedInto(valid, maxMergeChain) : [];
      return groupByKeys(ids, merged, (m) => m.survivorId).map((group) => group.map((m) => m.patientId));
    }),
    previousNamesByPatientId: new DataLoader(async (ids) => groupByKeys(ids, await patients.previousNamesOf(ids), (n) => n.patientId)),
    localIdentifiersByPatientId: new DataLoader(async (ids) =>
      groupByKeys(ids, await patients.localIdentifiersOf(ids), (identifier) => identifier.patientId),
    ),
    openDuplicatesByPatientId: new DataLoader(async (ids) => {
      const candidates = await duplicates.openFor(ids);
      return ids.map((id) => candidates.filter((c) => c.firstPatientId === id || c.secondPatientId === id));
    }),
    duplicateCandidateById: new DataLoader(byUuid((ids) => duplicates.findByIds(ids))),
    mergeById: new DataLoader(byUuid((ids) => merges.findByIds(ids))),
    problemsByPatientId: new DataLoader(async (ids) => groupByKeys(ids, await clinicalRecord.problemsOf(ids), (i) => i.patientId)),
    allergiesByPatientId: new DataLoader(async (ids) => groupByKeys(ids, await clinicalRecord.allergiesOf(ids), (i) => i.patientId)),
    medicationsByPatientId: new DataLoader(async (ids) => groupByKeys(ids, await clinicalRecord.medicationsOf(ids), (i) => i.patientId)),
    documentsByPatientId: new DataLoader(async (ids) => groupByKeys(ids, await clinicalRecord.documentsOf(ids), (i) => i.patientId)),
    clinicalItemById: new DataLoader(
      async (keys) => {
        const found = await clinicalRecord.itemsByKeys(itemKeys(keys));
        return orderByKeys(keys.map(itemKey), found, itemKey);
      },
      { cacheKeyFn: itemKey },
    ),
    earlierVersionsOf: new DataLoader(
      async (keys) => groupByKeys(keys.map(itemKey), await clinicalRecord.earlierVersionsOf(itemKeys(keys)), itemKey),
      { cacheKeyFn: itemKey },
    ),
    admissionsByPatientId: new DataLoader(async (ids) => groupByKeys(ids, await admissions.admissionsOf(ids), (a) => a.patientId)),
    organisationByOds: new DataLoader(async (codes) => orderByKeys(codes, await directory.organisationsByOds(codes), (o) => o.odsCode)),
    organisationById: new DataLoader(byUuid((ids) => directory.organisationsByIds(ids))),
    userById: new DataLoader(async (ids) => orderByKeys(ids, await directory.usersByIds(ids), (u) => u.id)),
    careTeamById: new DataLoader(byUuid((ids) => directory.careTeamsByIds(ids))),
    careTeamsByOrganisationId: new DataLoader(async (ids) =>
      groupByKeys(ids, await directory.careTeamsOfOrganisations(ids), (team) => team.organisationId),
    ),
    membersByCareTeamId: new DataLoader(async (ids) => groupByKeys(ids, await directory.membersOfTeams(ids), (m) => m.careTeamId)),
    careTeamsByRoleProfileId: new DataLoader(async (ids) =>
      groupByKeys(ids, await directory.teamsOfRoleProfiles(ids), (m) => m.roleProfileId),
    ),
    consentByPatientId: new DataLoader(byUuidKeys((ids) => consents.currentOf(ids), { doNotShare: false, nationalOptOut: false })),
  };
}

/**
 * A batch keyed by record id. Ids are UUIDs, stored in lower case: any other key names no record (and, sent to
 * Postgres, would fail the whole batch), so it is answered null without asking.
 */
function byUuid<V extends { id: string }>(fetch: (ids: string[]) => Promise<V[]>) {
  return async (keys: readonly string[]): Promise<(V | null)[]> => {
    const ids = keys.map((key) => key.toLowerCase());
    const valid = ids.filter(isUuid);
    return orderByKeys(ids, valid.length ? await fetch(valid) : [], (row) => row.id);
  };
}

/** A batch keyed by patient id whose answer has a value for every id (unknown ids get `fallback`, unasked). */
function byUuidKeys<V>(fetch: (ids: string[]) => Promise<V[]>, fallback: V) {
  return async (keys: readonly string[]): Promise<V[]> => {
    const ids = keys.map((key) => key.toLowerCase());
    const valid = ids.filter(isUuid);
    const answers = new Map(valid.length ? (await fetch(valid)).map((value, i) => [valid[i]!, value]) : []);
    return ids.map((id) => answers.get(id) ?? fallback);
  };
}

/** Item keys as the database writes ids (lower case); one that is not a UUID names no item and is not asked for. */
function itemKeys(keys: readonly ClinicalItemKey[]): ClinicalItemKey[] {
  return keys.map((key) => ({ kind: key.kind, id: key.id.toLowerCase() })).filter((key) => isUuid(key.id));
}

function itemKey(key: ClinicalItemKey): string {
  return `${key.kind}:${key.id.toLowerCase()}`;
}

function localIdentifierKey(key: LocalIdentifierKey): string {
  return `${key.odsCode}\u0000${key.value}`;
}

function recordKey(record: LocalIdentifierRecord): string {
  return localIdentifierKey({ odsCode: record.organisation.odsCode, value: record.value });
}
