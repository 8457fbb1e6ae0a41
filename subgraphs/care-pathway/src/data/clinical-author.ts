import type { Caller } from '@epr/identity';

/** Who wrote something: the signed-in user in the role profile they selected, at its organisation. */
export interface ClinicalAuthorRecord {
  userId: string;
  roleProfileId: string;
  jobRoleCode: string;
  organisation: string;
}

export function authorOf(caller: Caller): ClinicalAuthorRecord {
  return {
    userId: caller.userId,
    roleProfileId: caller.roleProfileId,
    jobRoleCode: caller.jobRoleCode,
    organisation: caller.organisationOds,
  };
}
