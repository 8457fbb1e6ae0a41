import type { MutationResolvers } from '../__generated__/resolvers-types.js';

export const pathwayMutations: Pick<MutationResolvers, 'recordRttEvent' | 'recordAppointmentOutcome'> = {
  recordRttEvent: (_parent, { input }, { pathways }) => pathways.recordRttEvent(input),
  recordAppointmentOutcome: (_parent, { input }, { pathways }) => pathways.recordAppointmentOutcome(input),
};
