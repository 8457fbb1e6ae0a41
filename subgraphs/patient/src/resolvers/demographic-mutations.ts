import type { MutationResolvers } from '../__generated__/resolvers-types.js';

type DemographicMutations = Pick<MutationResolvers, 'registerPatient' | 'updatePatient' | 'addLocalIdentifier'>;

export const demographicMutations: DemographicMutations = {
  registerPatient: (_parent, { input, message }, { patients }) => patients.register(input, message),
  updatePatient: (_parent, { input, message }, { patients }) => patients.update(input, message),
  addLocalIdentifier: (_parent, { input }, { patients }) => patients.addLocalIdentifier(input),
};
