import type { Policy, RelationshipType, Subject } from '@epr/policy';
import { badUserInput, forbidden } from '../errors.js';
import { requireJustification } from '../justification-input.js';
import { emptySql, rawSql, sql, type Sql, type SqlExecutor, type SqlQuery } from '../sql.js';

export type RelationshipHolder = { kind: 'USER' | 'TEAM' | 'ORGANISATION'; id: string };

/**
 * A relationship in force: not ended, not expired, and — for a colleague grant — the relationship it passes on is
 * in force too (a grant ends with its granter's standing). `alias` is a trusted table alias, never input.
 */
export function activeRelationship(alias: 'lr'): Sql {
  const a = rawSql(alias);
  return sql`${a}.ended_at IS NULL AND (${a}.expires_at IS NULL OR ${a}.expires_at > now())
    AND (${a}.granted_via IS NULL OR EXISTS (SELECT 1 FROM access_control.legitimate_relationship standing
         WHERE standing.id = ${a}.granted_via AND standing.ended_at IS NULL
           AND (standing.expires_at IS NULL OR standing.expires_at > now())))`;
}

/** A relationship `alias` held by the subject: themselves, one of their care teams or their organisation. */
export function heldBy(alias: 'lr', subject: Subject): Sql {
  const a = rawSql(alias);
  return sql`((${a}.holder_kind = 'USER' AND ${a}.holder_id = ${subject.userId})
    OR (${a}.holder_kind = 'TEAM' AND ${a}.holder_id = ANY(${subject.teamIds}::text[]))
    OR (${a}.holder_kind = 'ORGANISATION' AND ${a}.holder_id = ${subject.organisationOds}))`;
}

/** Relationships a care process makes (as opposed to a person's self-claim or grant). */
export type CareProcessType = Exclude<RelationshipType, 'SELF_CLAIM' | 'COLLEAGUE_GRANT'>;

const careProcessTypes: readonly CareProcessType[] = ['REGISTRATION', 'REFERRAL', 'BOOKING', 'ADMISSION'];

export interface CareRelationship {
  patientId: string;
  holder: RelationshipHolder;
  type: CareProcessType;
  /** What created it (`referral:<id>`, `appointment:<id>`, …): creating it again changes nothing. */
  sourceRef: string;
  createdBy: string;
}

/**
 * Creates legitimate relationships and break-glass access in the access-control store. Care processes
 * (referral receipt, booking, registration, admission) call `careRelationship` inside their own transaction so
 * the relationship exists exactly when the care event does; people call the manual kinds through the API. Every
 * write runs on the connection of the caller's transaction, which also carries its security-log rows.
 */
export class RelationshipRegister {
  constructor(private readonly policy: Policy) {}

  /**
   * One relationship per (sourceRef, holder), lasting per the policy's relationshipExpiryHours from now. Made again
   * by the same process (a referral redirected back to a team) it is left as it is: never renewed, so a relationship
   * whose care ended (in its grace period) or that was revoked cannot be brought back by replaying its process — a
   * team the referral returns to after that self-claims (alerted) or is referred to anew.
   */
  async careRelationship(run: SqlExecutor, relationship: CareRelationship): Promise<void> {
    const { patientId, holder, type, createdBy, sourceRef } = relationship;
    await run(
      sql`INSERT INTO access_control.legitimate_relationship (patient_id, holder_kind, holder_id, type, created_by, source_ref, expires_at)
       VALUES (${patientId}::uuid, ${holder.kind}::access_control.relationship_holder_kind, ${holder.id},
               ${type}::access_control.relationship_type, ${createdBy}, ${sourceRef}, ${this.expiry(type)})
       ON CONFLICT (source_ref, holder_kind, holder_id) DO NOTHING`,
    );
  }

  /**
   * The care process that made these relationships ended at `endedAt` (a discharge, a closed referral): they
   * lapse after the policy's grace period, or earlier if they already would. Only `expires_at` moves: `ended_at`
   * means revoked now, and grace is the point of ending this way. Idempotent; runs in the process's own transaction
   * like `careRelationship`.
   */
  async endCareRelationships(
    run: SqlExecutor,
    sourceRef: string,
    endedAt: Date,
    graceHours: number = this.policy.relationshipEndGraceHours,
  ): Promise<void> {
    const lapsesAt = new Date(endedAt.getTime() + graceHours * 3_600_000);
    await run(
      sql`UPDATE access_control.legitimate_relationship
          SET expires_at = LEAST(COALESCE(expires_at, 'infinity'::timestamptz), ${lapsesAt}::timestamptz)
        WHERE source_ref = ${sourceRef} AND ended_at IS NULL`,
    );
  }

  /** A user claims a relationship for themselves, with an access reason (alerted to the privacy officer). */
  async selfClaim(run: SqlExecutor, subject: Subject, patientId: string, reasonCode: string): Promise<Date | null> {
    this.checkReason(reasonCode);
    const expiresAt = this.expiry('SELF_CLAIM');
    await run(
      sql`INSERT INTO access_control.legitimate_relationship (patient_id, holder_kind, holder_id, type, reason_code, created_by, expires_at)
       VALUES (${patientId}::uuid, 'USER', ${subject.userId}, 'SELF_CLAIM', ${reasonCode}, ${subject.userId}, ${expiresAt})`,
    );
    return expiresAt;
  }

  /**
   * A clinician passes on their own standing with the patient to a colleague. Standing is a legitimate relationship
   * the granter holds (themselves, through a team or their organisation) — emergency access is not passed on. The
   * grant lasts as the policy says but never beyond that relationship, and ends with it (`granted_via`).
   */
  async grant(query: SqlQuery, subject: Subject, colleagueUserId: string, patientId: string, reasonCode: string): Promise<Date | null> {
    this.checkReason(reasonCode);
    if (colleagueUserId === subject.userId)
      throw badUserInput('Grant a relationship to a colleague, not to yourself; use a self-claim instead.', 'colleagueUserId');
    const standing = await this.standing(query, subject, patientId, null);
    if (!standing) {
      throw forbidden(
        'You can pass on only access you hold through a legitimate relationship with this patient; emergency access cannot be passed on.',
      );
    }
    const policyExpiry = this.expiry('COLLEAGUE_GRANT');
    const bound = standing.expires_at ? new Date(standing.expires_at) : null;
    const expiresAt = bound && (!policyExpiry || bound < policyExpiry) ? bound : policyExpiry;
    await query(
      sql`INSERT INTO access_control.legitimate_relationship (patient_id, holder_kind, holder_id, type, reason_code, created_by, expires_at, granted_via)
       VALUES (${patientId}::uuid, 'USER', ${colleagueUserId}, 'COLLEAGUE_GRANT', ${reasonCode}, ${subject.userId}, ${expiresAt}, ${standing.id}::uuid)`,
    );
    return expiresAt;
  }

  /**
   * A referral sent by a clinician rests on their organisation's care of the patient: a relationship made by a care
   * process (registration, referral, booking, admission) that they hold themselves, through a team or through their
   * organisation. A self-claim, a colleague grant or emergency access is not enough — a referral would otherwise turn
   * an alerted, short-lived access into a lasting one for a whole team.
   */
  async requireCareStanding(query: SqlQuery, subject: Subject, patientId: string): Promise<void> {
    // An admission the whole organisation holds (a ward the directory has no team for: alerted, and gone at
    // discharge) is no standing to refer: the referral would outlive it as a lasting, unalerted team relationship.
    const notOrganisationWideAdmission = sql`AND NOT (lr.type = 'ADMISSION' AND lr.holder_kind = 'ORGANISATION')`;
    if (!(await this.standing(query, subject, patientId, careProcessTypes, notOrganisationWideAdmission))) {
      throw forbidden(
        'You can refer only a patient your organisation cares for (a relationship made by registration, referral, booking or admission to a ward). ' +
          'A self-claim, a colleague grant or emergency access is not enough to refer.',
      );
    }
  }

  /** The subject's longest-lasting relationship in force with the patient (of `types`, or any type). */
  private async standing(
    query: SqlQuery,
    subject: Subject,
    patientId: string,
    types: readonly RelationshipType[] | null,
    also: Sql = emptySql,
  ): Promise<{ id: string; expires_at: Date | null } | undefined> {
    const ofTypes = types ? sql`AND lr.type::text = ANY(${types}::text[])` : emptySql;
    const [standing] = await query<{ id: string; expires_at: Date | null }>(
      sql`SELECT lr.id, lr.expires_at FROM access_control.legitimate_relationship lr
        WHERE lr.patient_id = ${patientId}::uuid AND ${activeRelationship('lr')} AND ${heldBy('lr', subject)} ${ofTypes} ${also}
        ORDER BY lr.expires_at DESC NULLS FIRST LIMIT 1`,
    );
    return standing;
  }

  /** Break-glass: time-boxed access to one patient, with the reason recorded (alerted). */
  async emergencyAccess(run: SqlExecutor, subject: Subject, roleProfileId: string, patientId: string, reason: string): Promise<Date> {
    const trimmed = requireJustification(reason, 'reason', 'The clinical reason for emergency access');
    const expiresAt = new Date(Date.now() + this.policy.emergencyAccessHours * 3_600_000);
    await run(
      sql`INSERT INTO access_control.emergency_access (patient_id, user_id, role_profile_id, reason, expires_at)
          VALUES (${patientId}::uuid, ${subject.userId}, ${roleProfileId}, ${trimmed}, ${expiresAt})`,
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
