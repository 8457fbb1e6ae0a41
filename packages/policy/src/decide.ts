import { relationshipBound, type Activity } from './activities.js';
import type { AccessRequest, Basis, Decision, PatientFacts, Purpose, RelationshipType, Subject } from './facts.js';
import type { Policy } from './policy-document.js';
import { checkJustification } from './justification.js';

const activityWords: Partial<Record<Activity, string>> = {
  'clinical.read': 'viewing clinical information',
  'clinical.write': 'recording clinical information',
  'demographics.read': 'viewing patient details',
  'demographics.write': 'registering or updating patients',
  'appointments.read': 'viewing appointments',
  'appointments.manage': 'booking appointments',
  'admissions.manage': 'recording admissions and discharges',
  'referrals.read': 'viewing referrals',
  'referrals.create': 'recording referrals',
  'referrals.refer': 'referring patients',
  'referrals.register_letter': 'registering paper referral letters',
  'referrals.receive_feed': 'receiving referrals from an interface',
  'referrals.manage': 'triaging referrals',
  'audit.read': 'reviewing the security log',
  'alerts.manage': 'managing privacy alerts',
  'pathway.report': 'running RTT reports',
};

/**
 * The one access decision, a pure function of the policy and the facts: role (does the job role hold the
 * activity?), scope (own record only, for patients), relationship (clinical access needs a legitimate
 * relationship or emergency access), consent (do-not-share, nominations, national opt-out for secondary
 * use) and seals (sealed: placeholder unless authoring team or a justified override; sealed and locked:
 * invisible to everyone but the authoring team, emergencies included); an item entered in error is hidden from
 * all but its authoring team and the roles that review such entries.
 */
export function decide(policy: Policy, request: AccessRequest): Decision {
  const { subject, activity, patient, item, now } = request;
  const role = policy.jobRoles.get(subject.jobRoleCode);
  if (subject.kind !== 'user' || !role || !role.activities.has(activity)) {
    return {
      effect: 'DENY',
      reason: 'role_lacks_activity',
      message: `Your role (${role?.name ?? subject.jobRoleCode}) does not allow ${activityWords[activity] ?? activity}.`,
    };
  }

  let basis: Basis = { kind: 'ROLE' };
  if (patient) {
    if (role.scope === 'self') {
      if (subject.patientId !== patient.patientId) return { effect: 'HIDE', reason: 'not_own_record' };
      basis = { kind: 'SELF' };
    } else if (request.purpose === 'SECONDARY_USE') {
      if (patient.nationalOptOut) return { effect: 'HIDE', reason: 'national_opt_out' };
    } else if (relationshipBound.has(activity)) {
      const grounds = clinicalGrounds(patient, now);
      if (!grounds) {
        return {
          effect: 'DENY',
          reason: 'no_relationship',
          message: 'You have no legitimate relationship with this patient. Claim one with an access reason, or use emergency access.',
        };
      }
      basis = grounds;
    }
  }

  if (item) {
    const inAuthoringTeam =
      (item.authoringTeamId !== null && subject.teamIds.includes(item.authoringTeamId)) ||
      (item.authorUserId != null && item.authorUserId === subject.userId);
    if (inAuthoringTeam) return { effect: 'ALLOW', basis: basis.kind === 'ROLE' ? { kind: 'AUTHORING_TEAM' } : basis };
    if (item.sealLevel === 'SEALED_AND_LOCKED') return { effect: 'HIDE', reason: 'sealed_and_locked' };
    // An entry made in error is not part of anyone's care, the patient's own view included: the authors correct it,
    // clinical governance reviews it.
    if (item.enteredInError && !role.activities.has('clinical.read_entered_in_error'))
      return { effect: 'HIDE', reason: 'entered_in_error' };
    // A patient's own consents and seals protect them from others, not from themselves.
    if (role.scope === 'self') return { effect: 'ALLOW', basis };
    if (patient?.doNotShare && item.authoringOrganisation !== subject.organisationOds) return { effect: 'HIDE', reason: 'do_not_share' };
    if (item.nominatedUserIds?.length && !item.nominatedUserIds.includes(subject.userId))
      return { effect: 'HIDE', reason: 'not_nominated' };
    if (item.sealLevel === 'SEALED') {
      // Callers refuse a bad justification with BAD_USER_INPUT first; checked here too, so none can open a seal.
      const justification = request.sealOverride === undefined ? undefined : checkJustification(request.sealOverride);
      if (justification?.ok && role.activities.has('sealed.override'))
        return { effect: 'ALLOW', basis: { kind: 'SEAL_OVERRIDE', detail: justification.text } };
      return { effect: 'PLACEHOLDER', reason: 'sealed' };
    }
  }
  return { effect: 'ALLOW', basis };
}

// Prefer a relationship made by the care process over a self-claim, so the audit shows the strongest basis.
const relationshipStrength: RelationshipType[] = ['ADMISSION', 'REFERRAL', 'BOOKING', 'REGISTRATION', 'COLLEAGUE_GRANT', 'SELF_CLAIM'];

function clinicalGrounds(patient: PatientFacts, now: Date): Basis | null {
  const active = patient.relationships.filter((r) => r.expiresAt === null || r.expiresAt > now);
  if (active.length > 0) {
    const strongest = [...active].sort((a, b) => relationshipStrength.indexOf(a.type) - relationshipStrength.indexOf(b.type))[0]!;
    return { kind: 'RELATIONSHIP', detail: strongest.type };
  }
  if (patient.emergency && patient.emergency.expiresAt > now) return { kind: 'EMERGENCY', detail: patient.emergency.reason };
  return null;
}

/**
 * Whether one patient's facts (relationships, emergency access, consent) can change the decision for this subject,
 * activity and purpose. They cannot when the role lacks the activity (refused whatever the facts), nor for a role
 * not bound to its own record reading, for direct care, what needs no relationship (demographics, referrals,
 * appointments) with no item in question. A large batch (an export) then skips looking facts up where they could
 * not matter: `decide` without a patient gives the same answer as with any facts (decide.test.ts proves it).
 */
export function patientFactsMatter(policy: Policy, subject: Subject, activity: Activity, purpose: Purpose): boolean {
  const role = policy.jobRoles.get(subject.jobRoleCode);
  if (subject.kind !== 'user' || !role || !role.activities.has(activity)) return false;
  return role.scope === 'self' || purpose === 'SECONDARY_USE' || relationshipBound.has(activity);
}

/**
 * Whether, of one patient's facts, only who the patient is can change the decision for this subject: for a role
 * scoped to its own record (a patient in the portal), `decide` compares the patient's id with the subject's and looks
 * at nothing else — relationships, emergency access and consent protect a patient from others, not from themselves
 * (decide.test.ts proves it for every activity, purpose, item and fact). Such facts need no look-up.
 */
export function onlyPatientIdentityMatters(policy: Policy, subject: Subject): boolean {
  return subject.kind === 'user' && policy.jobRoles.get(subject.jobRoleCode)?.scope === 'self';
}

/** Facts that say nothing but who the patient is, for when nothing else can matter (`onlyPatientIdentityMatters`). */
export function identityOnlyFacts(patientId: string): PatientFacts {
  return { patientId, relationships: [], emergency: null, doNotShare: false, nationalOptOut: false };
}
