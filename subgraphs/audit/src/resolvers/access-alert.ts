import type { AccessAlertResolvers } from '../__generated__/resolvers-types.js';

export const AccessAlert: AccessAlertResolvers = {
  id: (alert) => alert.id.toString(),
  raisedAt: (alert) => alert.eventOccurredAt.toISOString(),
  event: (alert, _args, { securityLog }) => securityLog.eventOfAlert(alert.eventSeq),
  acknowledgedAt: (alert) => alert.acknowledgedAt?.toISOString() ?? null,
  closedAt: (alert) => alert.closedAt?.toISOString() ?? null,
};
