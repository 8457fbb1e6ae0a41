import type { MutationResolvers } from '../__generated__/resolvers-types.js';

type MergeMutations = Pick<MutationResolvers, 'mergePatients' | 'unmergePatient' | 'dismissDuplicateCandidate'>;

export const mergeMutations: MergeMutations = {
  mergePatients: (_parent, { input, message }, { dataQuality }) => dataQuality.merge(input, message),
  unmergePatient: (_parent, { input }, { dataQuality }) => dataQuality.unmerge(input),
  dismissDuplicateCandidate: (_parent, { id }, { dataQuality }) => dataQuality.dismiss(id),
};
