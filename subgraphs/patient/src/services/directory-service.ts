import { unauthenticated } from '@epr/platform';
import { isClinicianRole } from '@epr/policy';
import type {
  CareTeamRecord,
  OrganisationRecord,
  RoleProfileRecord,
  SessionRecord,
  SessionRoleProfileRecord,
  UserRecord,
} from '../data/directory-store.js';
import type { ServiceRequest } from './request.js';

/**
 * The directory: organisations, care teams, users and role profiles (no patient data), batched per request; and
 * the gateway's look-up of a session's role profile.
 */
export class DirectoryService {
  constructor(private readonly request: ServiceRequest) {}

  /** The signed-in session; a role profile revoked since the gateway checked it ends the session. */
  async me(): Promise<SessionRecord> {
    const { stores, caller } = this.request;
    const profile = await stores.directory.activeRoleProfile(caller.userId, caller.roleProfileId);
    if (!profile) throw unauthenticated('Your role profile is no longer active. Sign in again.');
    return { userId: profile.userId, displayName: profile.displayName, roleProfile: profile };
  }

  /** For the gateway: the active role profile of a user, with what the policy needs to know of it. */
  async sessionRoleProfile(userId: string, roleProfileId: string): Promise<SessionRoleProfileRecord | null> {
    const profile = await this.request.stores.directory.activeRoleProfile(userId, roleProfileId);
    return profile
      ? {
          roleProfileId: profile.id,
          userId: profile.userId,
          jobRoleCode: profile.jobRoleCode,
          organisationOds: profile.organisation.odsCode,
          patientId: profile.patientId,
        }
      : null;
  }

  organisationByOds(odsCode: string): Promise<OrganisationRecord | null> {
    return this.request.loaders.organisationByOds.load(odsCode.trim().toUpperCase());
  }

  /** For audit, in its own name: each organisation's name by ODS code, in order; null where the directory has none. */
  organisationNames(odsCodes: readonly string[]): Promise<(string | null)[]> {
    return Promise.all(odsCodes.map(async (odsCode) => (await this.organisationByOds(odsCode))?.name ?? null));
  }

  organisation(id: string): Promise<OrganisationRecord | null> {
    return this.request.loaders.organisationById.load(id);
  }

  careTeam(id: string): Promise<CareTeamRecord | null> {
    return this.request.loaders.careTeamById.load(id);
  }

  careTeamsOf(organisation: OrganisationRecord): Promise<CareTeamRecord[]> {
    return this.request.loaders.careTeamsByOrganisationId.load(organisation.id);
  }

  async members(team: CareTeamRecord): Promise<RoleProfileRecord[]> {
    return (await this.request.loaders.membersByCareTeamId.load(team.id)).map((member) => member.roleProfile);
  }

  async teamsOf(roleProfileId: string): Promise<CareTeamRecord[]> {
    return (await this.request.loaders.careTeamsByRoleProfileId.load(roleProfileId)).map((membership) => membership.careTeam);
  }

  /** For care-pathway, in its own name: the teams a referral to `service` at `odsCode` gives a relationship. */
  async referralTeams(odsCode: string, service: string): Promise<string[]> {
    return (await this.request.stores.directory.referralTeams(odsCode.trim().toUpperCase(), service)).map((team) => team.id);
  }

  /** For scheduling, in its own name: the team a booking into a clinic run by team `code` at `odsCode` relates. */
  async clinicTeam(odsCode: string, code: string): Promise<string | null> {
    return (await this.request.stores.directory.teamAt(odsCode.trim().toUpperCase(), code.trim()))?.id ?? null;
  }

  /**
   * For scheduling, in its own name: may `userId` be the clinician of a clinic at `odsCode` — do they hold an active
   * role profile there whose job role is a clinician role in the policy in force?
   */
  async clinicClinician(odsCode: string, userId: string): Promise<boolean> {
    const jobRoles = await this.request.stores.directory.activeJobRolesAt(userId.trim(), odsCode.trim().toUpperCase());
    return jobRoles.some((code) => isClinicianRole(this.request.policy.jobRole(code)));
  }

  user(id: string): Promise<UserRecord | null> {
    return this.request.loaders.userById.load(id);
  }
}
