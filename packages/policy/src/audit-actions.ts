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
] as const;
export type AlertKind = (typeof alertKinds)[number];

export const auditActions = {
  'patient.read': { area: 'your details', verb: 'Viewed' },
  'patient.search': { area: 'your details', verb: 'Searched for' },
  'patient.create': { area: 'your details', verb: 'Registered' },
  'patient.update': { area: 'your details', verb: 'Changed' },
  'patient.merge': { area: 'your details', verb: 'Merged a duplicate record into' },
  'patient.unmerge': { area: 'your details', verb: 'Undid a merge of' },
  'duplicate-candidate.read': { area: 'your details', verb: 'Checked for duplicates of' },
  'duplicate-candidate.dismiss': { area: 'your details', verb: 'Checked for duplicates of' },
  'consent.read': { area: 'your sharing choices', verb: 'Viewed' },
  'consent.update': { area: 'your sharing choices', verb: 'Changed' },
  'consent.nominate': { area: 'who may see an item of your record', verb: 'Changed' },
  'clinical.read': { area: 'your clinical record', verb: 'Viewed' },
  'problem.read': { area: 'your problems and diagnoses', verb: 'Viewed' },
  'problem.create': { area: 'your problems and diagnoses', verb: 'Added to' },
  'allergy.read': { area: 'your allergies', verb: 'Viewed' },
  'allergy.create': { area: 'your allergies', verb: 'Added to' },
  'medication.read': { area: 'your medications', verb: 'Viewed' },
  'medication.create': { area: 'your medications', verb: 'Added to' },
  'document.read': { area: 'your letters and documents', verb: 'Viewed' },
  'document.create': { area: 'your letters and documents', verb: 'Added to' },
  'referral.read': { area: 'your referrals', verb: 'Viewed' },
  'referral.create': { area: 'your referrals', verb: 'Added to' },
  'referral.triage': { area: 'your referrals', verb: 'Reviewed' },
  'pathway.read': { area: 'your treatment pathway', verb: 'Viewed' },
  'pathway.timeline.read': { area: 'your treatment pathway', verb: 'Viewed' },
  'pathway.rtt-event': { area: 'your treatment pathway', verb: 'Updated' },
  'pathway.appointment-outcome': { area: 'your treatment pathway', verb: 'Updated' },
  'assessment.read': { area: 'your care team assessments', verb: 'Viewed' },
  'assessment.create': { area: 'your care team assessments', verb: 'Started' },
  'assessment.contribute': { area: 'your care team assessments', verb: 'Added to' },
  'assessment.sign-off': { area: 'your care team assessments', verb: 'Signed off' },
  'rtt.tracking-list.read': { area: 'your place on a waiting list', verb: 'Listed' },
  'rtt.performance.read': { area: 'waiting-time statistics', verb: 'Counted you in' },
  'rtt.completed.read': { area: 'waiting-time statistics', verb: 'Counted you in' },
  'rtt.new-clock-starts.read': { area: 'waiting-time statistics', verb: 'Counted you in' },
  'rtt.return.read': { area: 'waiting-time statistics', verb: 'Counted you in' },
  'appointment.read': { area: 'your appointments', verb: 'Viewed' },
  'appointment.book': { area: 'your appointments', verb: 'Booked' },
  'appointment.cancel': { area: 'your appointments', verb: 'Cancelled' },
  'appointment.reschedule': { area: 'your appointments', verb: 'Rearranged' },
  'appointment.outcome': { area: 'your appointments', verb: 'Recorded the outcome of' },
  'relationship.self_claim': { area: 'your record, claiming a care relationship', verb: 'Opened', alert: 'SELF_CLAIMED_RELATIONSHIP' },
  'relationship.grant': { area: 'your record, for a colleague', verb: 'Opened', alert: 'COLLEAGUE_GRANT' },
  'relationship.end': { area: 'a care relationship with you', verb: 'Ended' },
  'emergency.access': { area: 'your record in an emergency', verb: 'Opened', alert: 'EMERGENCY_ACCESS' },
  'seal.override': { area: 'sealed information in your record', verb: 'Opened', alert: 'SEAL_OVERRIDE' },
  'audit.read': { area: 'who has looked at your record', verb: 'Reviewed' },
  'audit.alert.acknowledge': { area: 'a privacy alert about your record', verb: 'Acknowledged' },
  'audit.alert.close': { area: 'a privacy alert about your record', verb: 'Closed' },
  'field.read': { area: 'your record', verb: 'Was refused part of' },
} as const satisfies Record<string, AuditActionSpec>;

export type AuditAction = keyof typeof auditActions;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(auditActions, value);
}

/** Actions that raise a privacy-officer alert, with the kind of alert (the database's alert rule is checked against this). */
export function alertingActions(): [AuditAction, AlertKind][] {
  return Object.entries(auditActions).flatMap(([action, spec]) =>
    'alert' in spec ? [[action as AuditAction, spec.alert as AlertKind]] : [],
  );
}
