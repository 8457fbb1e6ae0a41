/**
 * Every action the security log records, in one typed list: the services that record them, the patient-facing
 * "who looked at my record" view (which words to use) and the database's alert rule (which actions raise a
 * privacy-officer alert) all read this list, so a new action is worded and alerted by adding it here.
 */
export interface AuditActionSpec {
  /** What a patient is told was touched ("your referrals"). */
  area: string;
  /** What was done, as the patient reads it ("Viewed"). */
  verb: string;
  /** The privacy-officer alert this action raises, if any. */
  alert?: AlertKind;
}

export const alertKinds = [
  'SELF_CLAIMED_RELATIONSHIP',
  'EMERGENCY_ACCESS',
  'SEAL_OVERRIDE',
  'COLLEAGUE_GRANT',
  'REFERRAL_REGISTERED_FROM_LETTER',
  'MERGE_OUTSIDE_CARE',
  'ADMISSION_ORGANISATION_WIDE',
] as const;
export type AlertKind = (typeof alertKinds)[number];

export const auditActions = {
  'patient.read': { area: 'your details', verb: 'Viewed' },
  'patient.search': { area: 'your details', verb: 'Searched for' },
  'patient.create': { area: 'your details', verb: 'Registered' },
  'patient.update': { area: 'your details', verb: 'Changed' },
  'patient.merge': { area: 'your details', verb: 'Merged a duplicate record into' },
  'patient.merge.outside-care': { area: 'your details', verb: 'Merged a duplicate record into', alert: 'MERGE_OUTSIDE_CARE' },
  'patient.unmerge': { area: 'your details', verb: 'Undid a merge of' },
  'duplicate-candidate.read': { area: 'your details', verb: 'Checked for duplicates of' },
  'duplicate-candidate.dismiss': { area: 'your details', verb: 'Checked for duplicates of' },
  'consent.read': { area: 'your sharing choices', verb: 'Viewed' },
  'consent.update': { area: 'your sharing choices', verb: 'Changed' },
  'consent.nominate': { area: 'who may see an item of your record', verb: 'Changed' },
  'clinical.read': { area: 'your clinical record', verb: 'Viewed' },
  'problem.read': { area: 'your problems and diagnoses', verb: 'Viewed' },
  'problem.create': { area: 'your problems and diagnoses', verb: 'Added to' },
  'problem.amend': { area: 'your problems and diagnoses', verb: 'Corrected an entry in' },
  'problem.resolve': { area: 'your problems and diagnoses', verb: 'Recorded a problem as resolved in' },
  'problem.entered-in-error': { area: 'your problems and diagnoses', verb: 'Marked an entry made in error in' },
  'allergy.read': { area: 'your allergies', verb: 'Viewed' },
  'allergy.create': { area: 'your allergies', verb: 'Added to' },
  'allergy.amend': { area: 'your allergies', verb: 'Corrected an entry in' },
  'allergy.entered-in-error': { area: 'your allergies', verb: 'Marked an entry made in error in' },
  'medication.read': { area: 'your medications', verb: 'Viewed' },
  'medication.create': { area: 'your medications', verb: 'Added to' },
  'medication.amend': { area: 'your medications', verb: 'Corrected an entry in' },
  'medication.stop': { area: 'your medications', verb: 'Recorded a medicine as stopped in' },
  'medication.entered-in-error': { area: 'your medications', verb: 'Marked an entry made in error in' },
  'document.read': { area: 'your letters and documents', verb: 'Viewed' },
  'document.create': { area: 'your letters and documents', verb: 'Added to' },
  'document.amend': { area: 'your letters and documents', verb: 'Corrected an entry in' },
  'document.entered-in-error': { area: 'your letters and documents', verb: 'Marked an entry made in error in' },
  'referral.read': { area: 'your referrals', verb: 'Viewed' },
  'referral.create': { area: 'your referrals', verb: 'Added to' },
  'referral.register-letter': {
    area: 'your referrals, from a paper referral letter',
    verb: 'Added to',
    alert: 'REFERRAL_REGISTERED_FROM_LETTER',
  },
  'referral.triage': { area: 'your referrals', verb: 'Reviewed' },
  'referral.withdraw': { area: 'your referrals', verb: 'Recorded a withdrawal in' },
  'pathway.read': { area: 'your treatment pathway', verb: 'Viewed' },
  'pathway.timeline.read': { area: 'your treatment pathway', verb: 'Viewed' },
  'pathway.rtt-event': { area: 'your treatment pathway', verb: 'Updated' },
  'pathway.appointment-outcome': { area: 'your treatment pathway', verb: 'Updated' },
  'pathway.rtt-event.back-entered': { area: 'your treatment pathway', verb: 'Added a past event to' },
  'pathway.appointment-outcome.back-entered': { area: 'your treatment pathway', verb: 'Added a past appointment outcome to' },
  'assessment.read': { area: 'your care team assessments', verb: 'Viewed' },
  'assessment.create': { area: 'your care team assessments', verb: 'Started' },
  'assessment.contribute': { area: 'your care team assessments', verb: 'Added to' },
  'assessment.sign-off': { area: 'your care team assessments', verb: 'Signed off' },
  'rtt.tracking-list.read': { area: 'your place on a waiting list', verb: 'Listed' },
  'rtt.performance.read': { area: 'waiting-time statistics', verb: 'Counted you in' },
  'rtt.completed.read': { area: 'waiting-time statistics', verb: 'Counted you in' },
  'rtt.new-clock-starts.read': { area: 'waiting-time statistics', verb: 'Counted you in' },
  'rtt.return.read': { area: 'waiting-time statistics', verb: 'Counted you in' },
  'admission.read': { area: 'your hospital stays', verb: 'Viewed' },
  'admission.create': { area: 'your hospital stays', verb: 'Recorded an admission in' },
  'admission.create.organisation-wide': {
    area: 'your hospital stays',
    verb: 'Recorded an admission in',
    alert: 'ADMISSION_ORGANISATION_WIDE',
  },
  'admission.discharge': { area: 'your hospital stays', verb: 'Recorded a discharge in' },
  'appointment.read': { area: 'your appointments', verb: 'Viewed' },
  'appointment.book': { area: 'your appointments', verb: 'Booked' },
  'appointment.cancel': { area: 'your appointments', verb: 'Cancelled' },
  'appointment.reschedule': { area: 'your appointments', verb: 'Rearranged' },
  'appointment.outcome': { area: 'your appointments', verb: 'Recorded the outcome of' },
  'appointment.book.back-entered': { area: 'your appointments', verb: 'Recorded a past booking in' },
  'appointment.cancel.back-entered': { area: 'your appointments', verb: 'Recorded a past cancellation in' },
  'appointment.outcome.back-entered': { area: 'your appointments', verb: 'Recorded a past outcome in' },
  'appointment.back-entry': { area: 'your appointments', verb: 'Was refused back-entry in' },
  'relationship.self_claim': { area: 'your record, claiming a care relationship', verb: 'Opened', alert: 'SELF_CLAIMED_RELATIONSHIP' },
  'relationship.grant': { area: 'your record, for a colleague', verb: 'Opened', alert: 'COLLEAGUE_GRANT' },
  'relationship.end': { area: 'a care relationship with you', verb: 'Ended' },
  'emergency.access': { area: 'your record in an emergency', verb: 'Opened', alert: 'EMERGENCY_ACCESS' },
  'seal.override': { area: 'sealed information in your record', verb: 'Opened', alert: 'SEAL_OVERRIDE' },
  'audit.read': { area: 'who has looked at your record', verb: 'Reviewed' },
  'audit.alert.acknowledge': { area: 'a privacy alert about your record', verb: 'Acknowledged' },
  'audit.alert.close': { area: 'a privacy alert about your record', verb: 'Closed' },
  'field.read': { area: 'your record', verb: 'Was refused part of' },
  // Directory actions: about staff sessions and roles, never a patient's record.
  'session.sign_out': { area: 'a sign-in session', verb: 'Ended' },
  'session.revoke': { area: 'a sign-in session', verb: 'Ended' },
  'role_profile.end': { area: 'a role profile', verb: 'Ended' },
  // Clinic set-up: who runs a clinic decides who a booking into it relates to the patient; never a patient's record.
  'clinic.create': { area: 'a clinic', verb: 'Set up' },
  'clinic.template.add': { area: 'a clinic’s weekly sessions', verb: 'Added to' },
  'clinic.sessions.generate': { area: 'a clinic’s sessions', verb: 'Generated' },
  'clinic.session.add': { area: 'a clinic’s sessions', verb: 'Added to' },
} as const satisfies Record<string, AuditActionSpec>;

export type AuditAction = keyof typeof auditActions;

/**
 * Writes that can reach the record after the fact — an appointment booked into a slot that had already started,
 * a cancellation dated in the past, an outcome or RTT event dated before events already recorded — each with its
 * own action, so the security log tells back-entry (migration, feeds, late entry) apart from live work.
 */
const backEnteredActions = {
  'appointment.book': 'appointment.book.back-entered',
  'appointment.cancel': 'appointment.cancel.back-entered',
  'appointment.outcome': 'appointment.outcome.back-entered',
  'pathway.rtt-event': 'pathway.rtt-event.back-entered',
  'pathway.appointment-outcome': 'pathway.appointment-outcome.back-entered',
} as const satisfies Partial<Record<AuditAction, AuditAction>>;

/** The action of a write that may be back-entered, marked when it was. */
export function writeAction(action: keyof typeof backEnteredActions, backEntered: boolean): AuditAction {
  return backEntered ? backEnteredActions[action] : action;
}

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(auditActions, value);
}

/** Actions that raise a privacy-officer alert, with the kind of alert (the database's alert rule is checked against this). */
export function alertingActions(): [AuditAction, AlertKind][] {
  return Object.entries(auditActions).flatMap(([action, spec]) => ('alert' in spec ? [[action as AuditAction, spec.alert]] : []));
}
