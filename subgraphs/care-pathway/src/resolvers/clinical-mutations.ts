import type { MutationResolvers } from '../__generated__/resolvers-types.js';

type ClinicalMutations = 'startAssessment' | 'contributeToAssessment' | 'signOffAssessment' | 'addPathwayDocument';

export const clinicalMutations: Pick<MutationResolvers, ClinicalMutations> = {
  startAssessment: (_parent, { input }, { assessments }) => assessments.start(input),
  contributeToAssessment: (_parent, { input }, { assessments }) => assessments.contribute(input),
  signOffAssessment: (_parent, { input }, { assessments }) => assessments.signOff(input),
  addPathwayDocument: (_parent, { input }, { documents }) => documents.add(input),
};
