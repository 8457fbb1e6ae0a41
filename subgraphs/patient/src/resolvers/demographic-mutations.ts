import type { MutationResolvers } from '../__generated__/resolvers-types.js';

type DemographicMutations = Pick<MutationResolvers, 'registerPatient' | 'updatePatient' | 'addLocalIdentifier'>;

export const demographicMutations: DemographicMutations = {
  registerPatient: (_parent, { input }, { patients }) => patients.register(input),
  updatePatient: (_parent, { input }, { patients }) => patients.update(input),
  addLocalIdentifier: (_parent, { input }, { patients }) => patients.addLocalIdentifier(input),
};
