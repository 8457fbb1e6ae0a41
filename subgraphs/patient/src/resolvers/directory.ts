import type {
  CareTeamResolvers,
  OrganisationResolvers,
  RoleProfileResolvers,
  SessionResolvers,
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

export const Session: SessionResolvers = {
  // Only a patient's portal account is linked to a record, so staff get null.
  patient: (_session, _args, { caller, patients }) => (caller.patientId ? patients.byId(caller.patientId) : null),
};

export const SessionRoleProfile: SessionRoleProfileResolvers = {
  teamIds: async (profile, _args, { loaders }) =>
    (await loaders.careTeamsByRoleProfileId.load(profile.roleProfileId)).map((m) => m.careTeam.id),
};
