import type { AdmissionResolvers } from '../__generated__/resolvers-types.js';

export const Admission: AdmissionResolvers = {
  organisation: async (admission, _args, { loaders }) => (await loaders.organisationById.load(admission.organisationId))!,
  careTeam: (admission, _args, { loaders }) => (admission.careTeamId ? loaders.careTeamById.load(admission.careTeamId) : null),
  admittedAt: (admission) => admission.admittedAt.toISOString(),
  dischargedAt: (admission) => admission.dischargedAt?.toISOString() ?? null,
};
