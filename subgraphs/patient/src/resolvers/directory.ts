import type {
  CareTeamResolvers,
  OrganisationResolvers,
  RoleProfileResolvers,
  SessionRevocationResolvers,
  SessionRoleProfileResolvers,
} from '../__generated__/resolvers-types.js';

export const Organisation: OrganisationResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.organisationByOds.load(reference.odsCode),
  careTeams: (organisation, _args, { loaders }) => loaders.careTeamsByOrganisationId.load(organisation.id),
};

export const CareTeam: CareTeamResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.careTeamById.load(reference.id),
  organisation: async (team, _args, { loaders }) => (await loaders.organisationById.load(team.organisationId))!,
  members: async (team, _args, { loaders }) => (await loaders.membersByCareTeamId.load(team.id)).map((member) => member.roleProfile),
};

export const RoleProfile: RoleProfileResolvers = {
  user: async (profile, _args, { loaders }) => (await loaders.userById.load(profile.userId))!,
  careTeams: async (profile, _args, { loaders }) => (await loaders.careTeamsByRoleProfileId.load(profile.id)).map((m) => m.careTeam),
};

export const SessionRoleProfile: SessionRoleProfileResolvers = {
  teamIds: async (profile, _args, { loaders }) =>
    (await loaders.careTeamsByRoleProfileId.load(profile.roleProfileId)).map((m) => m.careTeam.id),
  revokedSessionIds: (profile, { since }, { stores }) => stores.sessionRevocations.revokedSince(profile.userId, new Date(since)),
};

export const SessionRevocation: SessionRevocationResolvers = {
  revokedAt: (revocation) => revocation.revokedAt.toISOString(),
};
