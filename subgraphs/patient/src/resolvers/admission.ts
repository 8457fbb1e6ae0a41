import type { AdmissionResolvers } from '../__generated__/resolvers-types.js';

export const Admission: AdmissionResolvers = {
  organisation: async (admission, _args, { directory }) => (await directory.organisation(admission.organisationId))!,
  careTeam: (admission, _args, { directory }) => (admission.careTeamId ? directory.careTeam(admission.careTeamId) : null),
  admittedAt: (admission) => admission.admittedAt.toISOString(),
  dischargedAt: (admission) => admission.dischargedAt?.toISOString() ?? null,
};
