import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { rttStatuses } from '../domain/rtt/status-codes.js';

export const Query: QueryResolvers = {
  referral: (_parent, { id }, { referrals }) => referrals.byId(id),
  pathway: (_parent, { id }, { pathways }) => pathways.byId(id),
  patientTrackingList: (_parent, args, { reports }) => reports.trackingList(args),
  rttPerformance: (_parent, args, { reports }) => reports.performance(args),
  rttCompletedPathways: (_parent, args, { reports }) => reports.completedPathways(args),
  rttNewClockStarts: (_parent, args, { reports }) => reports.newClockStarts(args),
  rttStatusCodes: () => [...rttStatuses],
};
