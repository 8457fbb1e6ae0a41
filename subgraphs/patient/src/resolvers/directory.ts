import type { OrganisationResolvers, RoleProfileResolvers } from '../__generated__/resolvers-types.js';

export const Organisation: OrganisationResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.organisationByOds.load(reference.odsCode),
};

export const RoleProfile: RoleProfileResolvers = {};
