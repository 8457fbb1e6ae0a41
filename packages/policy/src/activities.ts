/**
 * What a role can be allowed to do: a fixed, typed list (NHS RBAC "activities"; B-codes where national
 * ones exist). Job roles grant activities in the policy document; code only ever asks about these.
 */
export const activities = [
  'demographics.read',
  'demographics.write',
  'clinical.read',
  'clinical.write',
  'sealed.override',
  'clinical.read_entered_in_error',
  'emergency.access',
  'relationship.self_claim',
  'relationship.grant',
  'referrals.read',
  'referrals.create',
  'referrals.refer',
  'referrals.register_letter',
  'referrals.receive_feed',
  'referrals.manage',
  'appointments.read',
  'appointments.manage',
  'admissions.manage',
  'appointments.back_enter',
  'pathway.report',
  'pathway.report.any_organisation',
  'audit.read',
  'access_log.read_own',
  'alerts.manage',
  'directory.manage',
  'consent.manage_own',
  'record.feed',
] as const;

export type Activity = (typeof activities)[number];

export function isActivity(value: string): value is Activity {
  return (activities as readonly string[]).includes(value);
}

/**
 * Activities that open one patient's clinical record for direct care: they need a legitimate relationship
 * (or emergency access) with that patient on top of the role.
 */
export const relationshipBound: ReadonlySet<Activity> = new Set<Activity>(['clinical.read', 'clinical.write']);
