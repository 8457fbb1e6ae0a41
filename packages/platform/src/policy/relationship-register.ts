import type pg from 'pg';
import type { Policy, RelationshipType, Subject } from '@epr/policy';
import { badUserInput } from '../errors.js';
import { requireJustification } from '../justification-input.js';

export type RelationshipHolder = { kind: 'USER' | 'TEAM' | 'ORGANISATION'; id: string };

/** Runs one SQL statement; lets a care process create its relationship inside its own transaction. */
export type SqlExecutor = (sql: string, params: unknown[]) => Promise<unknown>;

export interface CareRelationship {
  patientId: string;
  holder: RelationshipHolder;
  type: Exclude<RelationshipType, 'SELF_CLAIM' | 'COLLEAGUE_GRANT'>;
  /** What created it (`referral:<id>`, `appointment:<id>`, …): creating it again changes nothing. */
  sourceRef: string;
  createdBy: string;
}

/**
 * Creates legitimate relationships and break-glass access in the access-control store. Care processes
 * (referral receipt, booking, registration, admission) call `careRelationship` inside their own transaction so
 * the relationship exists exactly when the care event does; people call the manual kinds through the API.
 */
export class RelationshipRegister {
  constructor(
    private readonly policy: Policy,
    private readonly pool: pg.Pool,
  ) {}

  /** Idempotent on (sourceRef, holder). Expiry per the policy's relationshipExpiryHours. */
  async careRelationship(run: SqlExecutor, relationship: CareRelationship): Promise<void> {
    await run(
      `INSERT INTO access_control.legitimate_relationship (patient_id, holder_kind, holder_id, type, created_by, source_ref, expires_at)
       VALUES ($1::uuid, $2::access_control.relationship_holder_kind, $3, $4::access_control.relationship_type, $5, $6, $7)
       ON CONFLICT (source_ref, holder_kind, holder_id) DO NOTHING`,
      [
        relationship.patientId,
        relationship.holder.kind,
        relationship.holder.id,
        relationship.type,
        relationship.createdBy,
        relationship.sourceRef,
        this.expiry(relationship.type),
      ],
    );
  }

  /**
   * The care process that made these relationships ended at `endedAt` (a discharge, a closed referral): they
   * lapse after the policy's grace period, or earlier if they already would. Only `expires_at` moves:
   * `ended_at` means revoked now, and grace is the point of ending this way. Idempotent; runs in the process's
   * own transaction like `careRelationship`.
   */
  async endCareRelationships(
    run: SqlExecutor,
    sourceRef: string,
    endedAt: Date,
    graceHours: number = this.policy.relationshipEndGraceHours,
  ): Promise<void> {
    await run(
      `UPDATE access_control.legitimate_relationship
          SET expires_at = LEAST(COALESCE(expires_at, 'infinity'::timestamptz), $2::timestamptz)
        WHERE source_ref = $1 AND ended_at IS NULL`,
      [sourceRef, new Date(endedAt.getTime() + graceHours * 3_600_000)],
    );
  }

  /** A user claims a relationship for themselves, with an access reason (alerted to the privacy officer). */
  async selfClaim(subject: Subject, patientId: string, reasonCode: string): Promise<Date | null> {
    this.checkReason(reasonCode);
    const expiresAt = this.expiry('SELF_CLAIM');
    await this.pool.query(
      `INSERT INTO access_control.legitimate_relationship (patient_id, holder_kind, holder_id, type, reason_code, created_by, expires_at)
       VALUES ($1::uuid, 'USER', $2, 'SELF_CLAIM', $3, $2, $4)`,
      [patientId, subject.userId, reasonCode, expiresAt],
    );
    return expiresAt;
  }

  /** A clinician with access grants a colleague a relationship with the patient. */
  async grant(subject: Subject, colleagueUserId: string, patientId: string, reasonCode: string): Promise<Date | null> {
    this.checkReason(reasonCode);
    if (colleagueUserId === subject.userId)
      throw badUserInput('Grant a relationship to a colleague, not to yourself; use a self-claim instead.', 'colleagueUserId');
    const expiresAt = this.expiry('COLLEAGUE_GRANT');
    await this.pool.query(
      `INSERT INTO access_control.legitimate_relationship (patient_id, holder_kind, holder_id, type, reason_code, created_by, expires_at)
       VALUES ($1::uuid, 'USER', $2, 'COLLEAGUE_GRANT', $3, $4, $5)`,
      [patientId, colleagueUserId, reasonCode, subject.userId, expiresAt],
    );
    return expiresAt;
  }

  /** Break-glass: time-boxed access to one patient, with the reason recorded (alerted). */
  async emergencyAccess(subject: Subject, roleProfileId: string, patientId: string, reason: string): Promise<Date> {
    const trimmed = requireJustification(reason, 'reason', 'The clinical reason for emergency access');
    const expiresAt = new Date(Date.now() + this.policy.emergencyAccessHours * 3_600_000);
    await this.pool.query(
      `INSERT INTO access_control.emergency_access (patient_id, user_id, role_profile_id, reason, expires_at) VALUES ($1::uuid, $2, $3, $4, $5)`,
      [patientId, subject.userId, roleProfileId, trimmed, expiresAt],
    );
    return expiresAt;
  }

  private checkReason(reasonCode: string): void {
    if (!this.policy.accessReasons.has(reasonCode)) {
      throw badUserInput(
        `Unknown access reason code "${reasonCode}". Use one of: ${[...this.policy.accessReasons.keys()].join(', ')}.`,
        'reasonCode',
      );
    }
  }

  private expiry(type: RelationshipType): Date | null {
    const hours = this.policy.relationshipExpiryHours[type];
    return hours === null ? null : new Date(Date.now() + hours * 3_600_000);
  }
}
