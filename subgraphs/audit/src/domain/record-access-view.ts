import type { JobRolePolicy } from '@epr/policy';
import { SERVICE_JOB_ROLE } from '@epr/platform';

/*
 * How an access to their record is put to a patient: the role and organisation, never the member of staff's
 * name or user id; what was touched in plain words; the reason, without a refusal's internal detail.
 */

/** What an access event says about who made it. */
export interface Accessor {
  userId: string;
  jobRoleCode: string;
  basisKind: string | null;
}

/**
 * Who accessed the record, as the patient reads it: "You" for the patient's own accesses (decided on the grounds
 * that it is her record, or made by the signed-in patient herself), otherwise the job role's name from the policy
 * in force, so a trust's own policy file names its own roles.
 */
export function accessorRole(
  jobRole: (jobRoleCode: string) => JobRolePolicy | undefined,
  accessor: Accessor,
  viewer: { userId: string },
): string {
  const role = jobRole(accessor.jobRoleCode);
  if (accessor.basisKind === 'SELF' || (accessor.userId === viewer.userId && role?.scope === 'self')) return 'You';
  if (accessor.jobRoleCode === SERVICE_JOB_ROLE) return 'An automated NHS system';
  // A role since removed from the policy is still named by its code rather than hidden behind a vague label.
  return role?.name ?? `Job role ${accessor.jobRoleCode}`;
}

const areas: Record<string, string> = {
  patient: 'your details',
  referral: 'your referrals',
  pathway: 'your treatment pathway',
  appointment: 'your appointments',
  clinical: 'your clinical record',
  emergency: 'your record in an emergency',
  seal: 'sealed information in your record',
  relationship: 'your record, claiming a care relationship',
  audit: 'who has looked at your record',
};

const verbs: Record<string, string> = { read: 'Viewed', search: 'Searched for', create: 'Added', update: 'Changed', delete: 'Removed' };

/** `referral.read` → "Viewed your referrals"; a category, when given, names the part of the record. */
export function whatWasAccessed(action: string, category: string | null): string {
  const [entity = '', operation = ''] = action.split('.');
  const area = category ? `your record (${category})` : (areas[entity] ?? 'your record');
  return `${verbs[operation] ?? 'Accessed'} ${area}`;
}

export function reasonFor(basisKind: string | null, basisDetail: string | null): string | null {
  const detail = basisDetail ? basisDetail : null;
  switch (basisKind) {
    case 'RELATIONSHIP':
      return detail ? `Involved in your care (${detail})` : 'Involved in your care';
    case 'EMERGENCY':
      return detail ? `Emergency access: ${detail}` : 'Emergency access';
    case 'SEAL_OVERRIDE':
      return detail ? `Opened sealed information: ${detail}` : 'Opened sealed information';
    case 'SELF':
      return 'It is your own record';
    case 'ROLE':
      return 'Their role (for example, checking how records are used)';
    case 'AUTHORING_TEAM':
      return 'The team that recorded the information';
    case 'SERVICE':
      return 'An automated NHS system';
    case 'DECISION':
      return 'Access was refused';
    default:
      return null;
  }
}
