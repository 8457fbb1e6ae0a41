import type { Activity } from './activities.js';

export type SealLevel = 'NONE' | 'SEALED' | 'SEALED_AND_LOCKED';

/** How a legitimate relationship came about; self-claims raise a privacy-officer alert. */
export type RelationshipType = 'REFERRAL' | 'BOOKING' | 'REGISTRATION' | 'ADMISSION' | 'COLLEAGUE_GRANT' | 'SELF_CLAIM';

/** Who is asking: the caller the gateway vouched for, plus the care teams its role profile belongs to. */
export interface Subject {
  kind: 'user' | 'system' | 'service';
  userId: string;
  jobRoleCode: string;
  organisationOds: string;
  teamIds: readonly string[];
  /** For a patient signed in to the portal: their own record. */
  patientId?: string;
}

/** The subject's standing with one patient, as the relationship store knows it right now. */
export interface PatientFacts {
  patientId: string;
  /** The subject's active legitimate relationships with the patient (held by the user, a team or the organisation). */
  relationships: readonly { type: RelationshipType; expiresAt: Date | null }[];
  /** The subject's active break-glass access to this patient, if any. */
  emergency: { reason: string; expiresAt: Date } | null;
  /** The patient refuses sharing outside the organisation that recorded each item. */
  doNotShare: boolean;
  /** National data opt-out: excluded from secondary uses (reporting), never from direct care. */
  nationalOptOut: boolean;
}

/** What the engine needs to know about one clinical item. */
export interface ItemFacts {
  sealLevel: SealLevel;
  authoringOrganisation: string;
  authoringTeamId: string | null;
  /** The user who recorded it: always part of its authoring team. */
  authorUserId?: string | null;
  /** When set, only these users (and the authoring team) may see the item. */
  nominatedUserIds: readonly string[] | null;
  /**
   * Marked entered in error: kept for audit, out of every list; read by id only by its authoring team and author,
   * or a role holding `clinical.read_entered_in_error` (the other checks still apply to that role).
   */
  enteredInError?: boolean;
}

export type Purpose = 'DIRECT_CARE' | 'SECONDARY_USE';

export interface AccessRequest {
  subject: Subject;
  activity: Activity;
  /** Absent for activities that are not about one patient (e.g. running a report definition). */
  patient?: PatientFacts;
  item?: ItemFacts;
  /** A justification given to open a sealed item (needs `sealed.override`). */
  sealOverride?: string;
  purpose?: Purpose;
  now: Date;
}

/** On what grounds access was allowed; recorded in the audit trail. */
export type Basis =
  | { kind: 'ROLE' }
  | { kind: 'SELF' }
  | { kind: 'RELATIONSHIP'; detail: RelationshipType }
  | { kind: 'EMERGENCY'; detail: string }
  | { kind: 'SEAL_OVERRIDE'; detail: string }
  | { kind: 'AUTHORING_TEAM' }
  | { kind: 'SERVICE' };

/**
 * ALLOW: serve it. PLACEHOLDER: say a sealed item exists, without its content. HIDE: behave as if it did not
 * exist (out of scope, sealed-and-locked, consent) — never reveal existence. DENY: the field is refused
 * (FORBIDDEN) with a message the user can act on.
 */
export type Decision =
  | { effect: 'ALLOW'; basis: Basis }
  | { effect: 'PLACEHOLDER'; reason: string }
  | { effect: 'HIDE'; reason: string }
  | { effect: 'DENY'; reason: string; message: string };
