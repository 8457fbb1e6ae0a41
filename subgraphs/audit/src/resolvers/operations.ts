import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  accessEvent: (_parent, { id }, { securityLog }) => securityLog.byId(id),
  accessEvents: (_parent, { filter, first, after }, { securityLog }) => securityLog.search(filter, first, after),
  accessAlerts: (_parent, { status, first, after }, { alerts }) => alerts.list(status, first, after),
};

export const Mutation: MutationResolvers = {
  acknowledgeAccessAlert: (_parent, { id }, { alerts }) => alerts.acknowledge(id),
  closeAccessAlert: (_parent, { input }, { alerts }) => alerts.close(input),
};
