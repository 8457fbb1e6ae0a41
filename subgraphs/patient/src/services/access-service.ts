import { badUserInput, notFound, type Consent } from '@epr/platform';
import type { EmergencyAccessGrantRecord, RelationshipGrantRecord } from '../domain/access-grants.js';
import type { UserRecord } from '../data/directory-store.js';
import type { ClinicalItemKind, ClinicalRecordService } from './clinical-record-service.js';
import type { PatientService } from './patient-service.js';
import type { ServiceRequest } from './request.js';

/** An item of a patient's record visible only to the staff she named. */
export interface ItemNominationView {
  kind: ClinicalItemKind;
  itemId: string;
  viewers: UserRecord[];
}

const clinicalItemKinds: readonly ClinicalItemKind[] = ['PROBLEM', 'ALLERGY', 'MEDICATION', 'DOCUMENT'];

/** `PROBLEM:<id>`, as `nominate` stores it → its kind and id. */
function parseItemRef(itemRef: string): { kind: ClinicalItemKind; itemId: string } {
  const separator = itemRef.indexOf(':');
  const kind = clinicalItemKinds.find((candidate) => candidate === itemRef.slice(0, separator));
  if (!kind) throw new Error(`nomination for an item of unknown kind: ${itemRef}`);
  return { kind, itemId: itemRef.slice(separator + 1) };
}

/** A patient's sharing choices as the API shows them, with the patient they belong to. */
export interface PatientConsent extends Consent {
  patientId: string;
}

/**
 * How people gain access to a record (self-claim, colleague grant, break-glass) and a patient's sharing choices
 * (consent, nominations). The alerting actions are recorded with their reason: the security log raises the
 * privacy officer's alert in the same write.
 */
export class AccessService {
  constructor(
    private readonly request: ServiceRequest,
    private readonly patients: PatientService,
    private readonly clinicalRecord: ClinicalRecordService,
  ) {}

  /** A patient's consent, batched and decided like any other part of the record. */
  async consent(patientId: string): Promise<PatientConsent | null> {
    const { policy, loaders } = this.request;
    const decision = await policy.forPatient('demographics.read', patientId, 'consent.read');
    if (decision.effect !== 'ALLOW') return null;
    return { patientId, ...(await loaders.consentByPatientId.load(patientId)) };
  }

  async claim(patientId: string, reasonCode: string): Promise<RelationshipGrantRecord> {
    const { relationships, policy, writes, sql, caller } = this.request;
    const patient = await this.visiblePatient(patientId);
    const expiresAt = await writes.commit(
      (tx) => relationships.selfClaim(sql.sqlOf(tx), policy.subject, patient.id, reasonCode),
      () => [
        { action: 'relationship.self_claim', outcome: 'ALLOWED', patientId: patient.id, basis: { kind: 'SELF_CLAIM', detail: reasonCode } },
      ],
    );
    return { patientId: patient.id, type: 'SELF_CLAIM', holderUserId: caller.userId, expiresAt };
  }

  async grant(patientId: string, colleagueUserId: string, reasonCode: string): Promise<RelationshipGrantRecord> {
    const { relationships, policy, writes, sql, loaders } = this.request;
    const patient = await this.visiblePatient(patientId);
    // Only someone who may open the record can pass access on.
    await policy.require('clinical.read', patient.id, 'relationship.grant');
    const colleague = await loaders.userById.load(colleagueUserId);
    if (!colleague) throw notFound('No user with this id is in the directory.', 'colleagueUserId');
    const expiresAt = await writes.commit(
      (tx) => relationships.grant(sql.queryOf(tx), policy.subject, colleague.id, patient.id, reasonCode),
      () => [
        {
          action: 'relationship.grant',
          outcome: 'ALLOWED',
          patientId: patient.id,
          basis: { kind: 'COLLEAGUE_GRANT', detail: `${colleague.id} (${reasonCode})` },
        },
      ],
    );
    return { patientId: patient.id, type: 'COLLEAGUE_GRANT', holderUserId: colleague.id, expiresAt };
  }

  async emergencyAccess(patientId: string, reason: string): Promise<EmergencyAccessGrantRecord> {
    const { relationships, policy, writes, sql, caller } = this.request;
    const patient = await this.visiblePatient(patientId);
    const expiresAt = await writes.commit(
      (tx) => relationships.emergencyAccess(sql.sqlOf(tx), policy.subject, caller.roleProfileId, patient.id, reason),
      () => [
        { action: 'emergency.access', outcome: 'ALLOWED', patientId: patient.id, basis: { kind: 'EMERGENCY', detail: reason.trim() } },
      ],
    );
    return { patientId: patient.id, reason: reason.trim(), expiresAt };
  }

  /** A patient changing their own sharing choices in the portal. */
  async updateMyConsent(choices: { doNotShare?: boolean | null; nationalOptOut?: boolean | null }): Promise<PatientConsent> {
    const { consents, writes, sql, caller, loaders } = this.request;
    const patientId = this.ownRecord('choices');
    const consent = await writes.commit(
      (tx) =>
        consents.update(
          sql.queryOf(tx),
          patientId,
          {
            ...(choices.doNotShare != null && { doNotShare: choices.doNotShare }),
            ...(choices.nationalOptOut != null && { nationalOptOut: choices.nationalOptOut }),
          },
          caller.userId,
        ),
      () => [{ action: 'consent.update', outcome: 'ALLOWED', patientId, basis: { kind: 'SELF' } }],
    );
    loaders.consentByPatientId.clear(patientId).prime(patientId, consent);
    return { patientId, ...consent };
  }

  /**
   * The items a patient made visible only to named staff, and whom she named: hers to know (who she trusts
   * with an item tells of the item), so only for her own record, and recorded.
   */
  async nominations(patientId: string): Promise<ItemNominationView[]> {
    const { consents, policy, loaders } = this.request;
    await policy.require('consent.manage_own', patientId, 'consent.read');
    const nominations = await consents.nominationsOf(patientId);
    return Promise.all(
      nominations.map(async ({ itemRef, userIds }) => {
        const users = await Promise.all(userIds.map((id) => loaders.userById.load(id)));
        return { ...parseItemRef(itemRef), viewers: users.filter((user) => user !== null) };
      }),
    );
  }

  /** A patient making one item of their record visible only to the staff they name. */
  async nominate(kind: ClinicalItemKind, itemId: string, userIds: readonly string[]): Promise<string[]> {
    const { consents, writes, sql, loaders } = this.request;
    const patientId = this.ownRecord('itemId');
    if (!(await this.clinicalRecord.ownsItem(patientId, kind, itemId))) throw notFound('Your record has no such item.', 'itemId');
    const users = await Promise.all(userIds.map((id) => loaders.userById.load(id)));
    const unknown = userIds.filter((_, i) => !users[i]);
    if (unknown.length > 0) throw badUserInput(`No user with id ${unknown.join(', ')} is in the directory.`, 'userIds');
    await writes.commit(
      (tx) => consents.nominate(sql.sqlOf(tx), patientId, `${kind}:${itemId}`, userIds),
      () => [{ action: 'consent.nominate', outcome: 'ALLOWED', patientId, items: [`${kind}:${itemId}`], basis: { kind: 'SELF' } }],
    );
    return [...new Set(userIds)];
  }

  private ownRecord(field: string): string {
    const patientId = this.request.caller.patientId;
    if (!patientId) throw notFound('Your account is not linked to a patient record.', field);
    return patientId;
  }

  private async visiblePatient(patientId: string) {
    const patient = await this.patients.byId(patientId);
    if (!patient) throw notFound('No patient with this id is visible to you.', 'patientId');
    return patient;
  }
}
