/*
 * How an access to their record is put to a patient: the role and organisation, never the member of staff's
 * name or user id; what was touched in plain words; the reason, without a refusal's internal detail.
 */

const roleNames: Record<string, string> = {
  R8000: 'Clinical Practitioner',
  R8001: 'Nurse',
  R8010: 'Clerical staff',
  R0001: 'Privacy Officer',
  R5105: 'Caldicott Guardian',
  SERVICE: 'Automated NHS system',
};

export function roleName(jobRoleCode: string): string {
  return roleNames[jobRoleCode] ?? 'NHS staff';
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
      return 'You';
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
