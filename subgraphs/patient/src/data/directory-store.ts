import type pg from 'pg';
import { preparedRead } from '@epr/platform';
import type { Prisma } from '../__generated__/prisma/client.js';
import type { Db } from './prisma.js';

export interface OrganisationRecord {
  id: string;
  odsCode: string;
  name: string;
}

export interface UserRecord {
  id: string;
  displayName: string;
}

export interface CareTeamRecord {
  id: string;
  code: string;
  name: string;
  organisationId: string;
  /** The services (specialties) the team receives referrals for. */
  referralServices: string[];
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

/** What the gateway learns about a session's role profile (the `_sessionRoleProfile` look-up). */
export interface SessionRoleProfileRecord {
  roleProfileId: string;
  userId: string;
  jobRoleCode: string;
  organisationOds: string;
  /** Set for a patient's own portal account. */
  patientId: string | null;
}

export interface TeamMemberRecord {
  careTeamId: string;
  roleProfile: RoleProfileRecord;
}

export interface TeamMembershipRecord {
  roleProfileId: string;
  careTeam: CareTeamRecord;
}

const organisationColumns = { id: true, odsCode: true, name: true } as const satisfies Prisma.OrganisationSelect;
const careTeamColumns = {
  id: true,
  code: true,
  name: true,
  organisationId: true,
  referralServices: true,
} as const satisfies Prisma.CareTeamSelect;
const roleProfileColumns = {
  id: true,
  userId: true,
  jobRoleCode: true,
  active: true,
  organisation: { select: organisationColumns },
} as const satisfies Prisma.RoleProfileSelect;

// Organisations by ODS code: every entry of a patient's access log names one (preparedRead says why not Prisma).
const organisationsByOdsCode = preparedRead<OrganisationRecord>(
  'epr-organisations-by-ods',
  'SELECT id, ods_code AS "odsCode", name FROM organisation WHERE ods_code = ANY($1::text[])',
);

/**
 * The directory: organisations, users, their role profiles and care teams. Batch reads take many keys; each
 * costs one statement, plus one for each nested relation it brings (a role profile's organisation).
 */
export class DirectoryStore {
  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
  ) {}

  organisationsByOds(odsCodes: readonly string[]): Promise<OrganisationRecord[]> {
    return organisationsByOdsCode(this.pool, [odsCodes]);
  }

  organisationsByIds(ids: readonly string[]): Promise<OrganisationRecord[]> {
    return this.db.organisation.findMany({ where: { id: { in: [...ids] } }, select: organisationColumns });
  }

  usersByIds(ids: readonly string[]): Promise<UserRecord[]> {
    return this.db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, displayName: true } });
  }

  careTeamsByIds(ids: readonly string[]): Promise<CareTeamRecord[]> {
    return this.db.careTeam.findMany({ where: { id: { in: [...ids] } }, select: careTeamColumns });
  }

  careTeamsOfOrganisations(organisationIds: readonly string[]): Promise<CareTeamRecord[]> {
    return this.db.careTeam.findMany({
      where: { organisationId: { in: [...organisationIds] } },
      select: careTeamColumns,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
  }

  /**
   * The teams at organisation `odsCode` that receive referrals for `service` (ignoring case and surrounding space):
   * the holders of a referral's legitimate relationship. An organisation has tens of teams, so they are matched here.
   */
  async referralTeams(odsCode: string, service: string): Promise<CareTeamRecord[]> {
    const wanted = service.trim().toLowerCase();
    const teams = await this.db.careTeam.findMany({
      where: { organisation: { odsCode } },
      select: careTeamColumns,
      orderBy: { id: 'asc' },
    });
    return teams.filter((team) => team.referralServices.some((offered) => offered.trim().toLowerCase() === wanted));
  }

  /** Care team `code`, only if it belongs to organisation `odsCode`. */
  async teamAt(odsCode: string, code: string): Promise<CareTeamRecord | null> {
    return this.db.careTeam.findFirst({ where: { code, organisation: { odsCode } }, select: careTeamColumns });
  }

  membersOfTeams(careTeamIds: readonly string[]): Promise<TeamMemberRecord[]> {
    return this.db.careTeamMember.findMany({
      where: { careTeamId: { in: [...careTeamIds] } },
      select: { careTeamId: true, roleProfile: { select: roleProfileColumns } },
      orderBy: [{ roleProfileId: 'asc' }],
    });
  }

  teamsOfRoleProfiles(roleProfileIds: readonly string[]): Promise<TeamMembershipRecord[]> {
    return this.db.careTeamMember.findMany({
      where: { roleProfileId: { in: [...roleProfileIds] } },
      select: { roleProfileId: true, careTeam: { select: careTeamColumns } },
      orderBy: [{ careTeam: { name: 'asc' } }],
    });
  }

  /** The role profile with that id, active or not. */
  roleProfile(id: string): Promise<RoleProfileRecord | null> {
    return this.db.roleProfile.findUnique({ where: { id }, select: roleProfileColumns });
  }

  /** Does the user hold a role profile (active or not) at the organisation? */
  async holdsRoleAt(userId: string, odsCode: string): Promise<boolean> {
    return (await this.db.roleProfile.count({ where: { userId, organisation: { odsCode } } })) > 0;
  }

  /** The job roles of the user's active role profiles at the organisation. */
  async activeJobRolesAt(userId: string, odsCode: string): Promise<string[]> {
    const profiles = await this.db.roleProfile.findMany({
      where: { userId, active: true, organisation: { odsCode } },
      select: { jobRoleCode: true },
    });
    return profiles.map((profile) => profile.jobRoleCode);
  }

  /** Ends the role profile: it can no longer be selected, and sessions working in it are refused. */
  endRoleProfile(id: string, ending: { endedBy: string; endReason: string }): Promise<RoleProfileRecord> {
    return this.db.roleProfile.update({
      where: { id },
      data: { active: false, endedAt: new Date(), ...ending },
      select: roleProfileColumns,
    });
  }

  /** The user's role profile with that id, if it exists and is active. */
  async activeRoleProfile(
    userId: string,
    roleProfileId: string,
  ): Promise<(RoleProfileRecord & { displayName: string; patientId: string | null }) | null> {
    const row = await this.db.roleProfile.findFirst({
      where: { id: roleProfileId, userId, active: true },
      select: { ...roleProfileColumns, user: { select: { displayName: true, patientId: true } } },
    });
    if (!row) return null;
    const { user, ...profile } = row;
    return { ...profile, displayName: user.displayName, patientId: user.patientId };
  }
}
