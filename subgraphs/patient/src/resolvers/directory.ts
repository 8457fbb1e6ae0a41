import type {
  CareTeamResolvers,
  OrganisationResolvers,
  RoleProfileResolvers,
  SessionRevocationResolvers,
  SessionResolvers,
  SessionRoleProfileResolvers,
} from '../__generated__/resolvers-types.js';

export const Organisation: OrganisationResolvers = {
  __resolveReference: (reference, { directory }) => directory.organisationByOds(reference.odsCode),
  careTeams: (organisation, _args, { directory }) => directory.careTeamsOf(organisation),
};

export const CareTeam: CareTeamResolvers = {
  __resolveReference: (reference, { directory }) => directory.careTeam(reference.id),
  organisation: async (team, _args, { directory }) => (await directory.organisation(team.organisationId))!,
  members: (team, _args, { directory }) => directory.members(team),
};

export const RoleProfile: RoleProfileResolvers = {
  user: async (profile, _args, { directory }) => (await directory.user(profile.userId))!,
  careTeams: (profile, _args, { directory }) => directory.teamsOf(profile.id),
};

export const Session: SessionResolvers = {
  patient: (_session, _args, { patients }) => patients.ownRecord(),
};

export const SessionRoleProfile: SessionRoleProfileResolvers = {
  teamIds: async (profile, _args, { directory }) => (await directory.teamsOf(profile.roleProfileId)).map((team) => team.id),
  revokedSessionIds: (profile, { since }, { sessions }) => sessions.revokedSince(profile.userId, since),
};

export const SessionRevocation: SessionRevocationResolvers = {
  revokedAt: (revocation) => revocation.revokedAt.toISOString(),
};
