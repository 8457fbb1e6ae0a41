import type { Resolvers } from '../__generated__/resolvers-types.js';

export const resolvers: Resolvers = {
  Query: {
    accessEvents: (_parent, { last }, { auditLog }) => auditLog.latest(last),
  },
  AccessEvent: {
    id: (event) => event.id.toString(),
    occurredAt: (event) => event.occurredAt.toISOString(),
  },
  Patient: {
    __resolveReference: (reference) => ({ id: reference.id }),
    accessEvents: (patient, { last }, { auditLog }) => auditLog.forPatient(patient.id, last),
  },
};
