import type {
  PathwayResolvers,
  PathwayTimelineEntryResolvers,
  RttPeriodResolvers,
  RttPositionResolvers,
} from '../__generated__/resolvers-types.js';
import { rttStatus } from '../domain/rtt/status-codes.js';
import { breachDate } from '../domain/rtt/waiting-time.js';

export const Pathway: PathwayResolvers = {
  __resolveReference: (reference, { pathways }) => pathways.byId(reference.id),
  patient: (pathway) => ({ id: pathway.patientId }),
  referral: async (pathway, _args, { referrals }) => {
    const referral = await referrals.ofPathway(pathway);
    if (!referral) throw new Error(`pathway ${pathway.id} has no referral ${pathway.referralId}`);
    return referral;
  },
  clockPhase: (pathway) => pathway.phase,
  periods: (pathway, _args, { pathways }) => pathways.periods(pathway),
  currentPeriod: (pathway, _args, { pathways }) => pathways.currentPeriod(pathway),
  rtt: (pathway, { censusDate }, { pathways }) => pathways.position(pathway, censusDate),
  timeline: (pathway, { first, after }, { pathways }) => pathways.timeline(pathway, first, after),
  assessments: (pathway, _args, { assessments }) => assessments.forPathway(pathway),
  documents: (pathway, _args, { documents }) => documents.forPathway(pathway),
};

export const RttPeriod: RttPeriodResolvers = {
  endStatus: (period) => (period.endStatus === null ? null : (rttStatus(period.endStatus) ?? null)),
  breachDate: (period) => breachDate(period.startedOn),
};

export const RttPosition: RttPositionResolvers = {
  clockRunning: (position) => position.running,
  daysWaited: (position) => position.wait.days,
  weeksWaited: (position) => position.wait.weeks,
  band: (position) => position.wait.band,
  withinStandard: (position) => position.wait.withinStandard,
};

export const PathwayTimelineEntry: PathwayTimelineEntryResolvers = {
  rttStatus: (entry) => (entry.rttStatus === null ? null : (rttStatus(entry.rttStatus) ?? null)),
  appointment: (entry) => (entry.appointmentId === null ? null : { id: entry.appointmentId }),
  document: (entry, _args, { documents }) => documents.onTimeline(entry),
  assessment: (entry, _args, { assessments }) => assessments.onTimeline(entry),
};
