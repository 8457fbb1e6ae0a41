import type { PatientTrackingListEntryResolvers } from '../__generated__/resolvers-types.js';

export const PatientTrackingListEntry: PatientTrackingListEntryResolvers = {
  pathway: async (entry, _args, { pathways }) => {
    const pathway = await pathways.byId(entry.pathwayId);
    if (!pathway) throw new Error(`tracking list period ${entry.periodId} has no pathway`);
    return pathway;
  },
  patient: (entry) => ({ id: entry.patientId }),
  daysWaited: (entry) => entry.wait.days,
  weeksWaited: (entry) => entry.wait.weeks,
  band: (entry) => entry.wait.band,
  withinStandard: (entry) => entry.wait.withinStandard,
};
