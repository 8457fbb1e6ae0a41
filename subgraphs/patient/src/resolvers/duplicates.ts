import type { DuplicateCandidateResolvers, PatientMergeResolvers } from '../__generated__/resolvers-types.js';
import type { PatientRecord } from '../data/patient-store.js';

export const DuplicateCandidate: DuplicateCandidateResolvers = {
  patients: async (candidate, _args, { patients }) => {
    const pair = await Promise.all([patients.record(candidate.firstPatientId), patients.record(candidate.secondPatientId)]);
    return pair
      .filter((patient): patient is PatientRecord => patient !== null)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  },
  detectedAt: (candidate) => candidate.detectedAt.toISOString(),
};

export const PatientMerge: PatientMergeResolvers = {
  survivor: async (merge, _args, { patients }) => (await patients.record(merge.survivorId))!,
  replaced: async (merge, _args, { patients }) => (await patients.record(merge.replacedId))!,
  mergedAt: (merge) => merge.mergedAt.toISOString(),
  mergedBy: async (merge, _args, { directory }) => (await directory.user(merge.mergedById))!,
  undoneAt: (merge) => merge.undoneAt?.toISOString() ?? null,
  undoneBy: (merge, _args, { directory }) => (merge.undoneById ? directory.user(merge.undoneById) : null),
};
