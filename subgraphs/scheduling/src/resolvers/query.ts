import type { QueryResolvers } from '../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  appointment: (_parent, { id }, { appointments }) => appointments.byId(id),
  clinicList: (_parent, args, { appointments }) => appointments.clinicList(args),
  clinic: (_parent, { id }, { catalogue }) => catalogue.clinic(id),
  clinics: (_parent, { organisation, service }, { catalogue }) => catalogue.clinicsOf(organisation, service ?? null),
  slot: (_parent, { id }, { catalogue }) => catalogue.slot(id),
  freeSlots: (_parent, args, { catalogue }) => catalogue.freeSlots(args),
};
