import type { MutationResolvers } from '../__generated__/resolvers-types.js';

type ClinicalMutations = Pick<MutationResolvers, 'recordProblem' | 'recordAllergy' | 'recordMedication' | 'fileClinicalDocument'>;

export const clinicalMutations: ClinicalMutations = {
  recordProblem: (_parent, { input }, { clinicalRecord }) => clinicalRecord.recordProblem(input),
  recordAllergy: (_parent, { input }, { clinicalRecord }) => clinicalRecord.recordAllergy(input),
  recordMedication: (_parent, { input }, { clinicalRecord }) => clinicalRecord.recordMedication(input),
  fileClinicalDocument: (_parent, { input }, { clinicalRecord }) => clinicalRecord.fileDocument(input),
};
