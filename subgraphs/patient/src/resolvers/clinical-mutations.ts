import type { MutationResolvers } from '../__generated__/resolvers-types.js';

type ClinicalMutations = Pick<
  MutationResolvers,
  | 'recordProblem'
  | 'recordAllergy'
  | 'recordMedication'
  | 'fileClinicalDocument'
  | 'amendProblem'
  | 'amendAllergy'
  | 'amendMedication'
  | 'amendDocument'
  | 'resolveProblem'
  | 'stopMedication'
  | 'markEnteredInError'
>;

export const clinicalMutations: ClinicalMutations = {
  recordProblem: (_parent, { input }, { clinicalRecord }) => clinicalRecord.recordProblem(input),
  recordAllergy: (_parent, { input }, { clinicalRecord }) => clinicalRecord.recordAllergy(input),
  recordMedication: (_parent, { input }, { clinicalRecord }) => clinicalRecord.recordMedication(input),
  fileClinicalDocument: (_parent, { input }, { clinicalRecord }) => clinicalRecord.fileDocument(input),
  amendProblem: (_parent, { input }, { clinicalRecord }) => clinicalRecord.amendProblem(input),
  amendAllergy: (_parent, { input }, { clinicalRecord }) => clinicalRecord.amendAllergy(input),
  amendMedication: (_parent, { input }, { clinicalRecord }) => clinicalRecord.amendMedication(input),
  amendDocument: (_parent, { input }, { clinicalRecord }) => clinicalRecord.amendDocument(input),
  resolveProblem: (_parent, { input }, { clinicalRecord }) => clinicalRecord.resolveProblem(input),
  stopMedication: (_parent, { input }, { clinicalRecord }) => clinicalRecord.stopMedication(input),
  markEnteredInError: (_parent, { input }, { clinicalRecord }) => clinicalRecord.markEnteredInError(input),
};
