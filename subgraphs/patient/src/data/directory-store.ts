import type { Db } from './prisma.js';

export interface OrganisationRecord {
  id: string;
  odsCode: string;
  name: string;
}

export interface RoleProfileRecord {
  id: string;
  userId: string;
  jobRoleCode: string;
  active: boolean;
  organisation: OrganisationRecord;
}

export interface SessionRecord {
  userId: string;
  displayName: string;
  roleProfile: RoleProfileRecord;
}

/** The directory of organisations, users and their role profiles. */
export class DirectoryStore {
  constructor(private readonly db: Db) {}

  organisationsByOds(odsCodes: readonly string[]): Promise<OrganisationRecord[]> {
    return this.db.organisation.findMany({ where: { odsCode: { in: [...odsCodes] } }, select: { id: true, odsCode: true, name: true } });
  }

  /** The user's role profile with that id, if it exists and is active; one statement. */
  async activeRoleProfile(userId: string, roleProfileId: string): Promise<(RoleProfileRecord & { displayName: string }) | null> {
    const row = await this.db.roleProfile.findFirst({
      where: { id: roleProfileId, userId, active: true },
      select: {
        id: true,
        userId: true,
        jobRoleCode: true,
        active: true,
        organisation: { select: { id: true, odsCode: true, name: true } },
        user: { select: { displayName: true } },
      },
    });
    if (!row) return null;
    const { user, ...profile } = row;
    return { ...profile, displayName: user.displayName };
  }
}
