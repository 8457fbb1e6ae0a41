import type {
  PathwayResolvers,
  PathwayTimelineEntryResolvers,
  RttPeriodResolvers,
  RttPositionResolvers,
} from '../__generated__/resolvers-types.js';
import { asApiError } from '../errors.js';
import { calendarDateInEngland } from '../domain/rtt/calendar-date.js';
import { censusDate } from '../domain/report-request.js';
import { rttStatus } from '../domain/rtt/status-codes.js';
import { breachDate, positionAt } from '../domain/rtt/waiting-time.js';

export const Pathway: PathwayResolvers = {
  __resolveReference: (reference, { pathways }) => pathways.byId(reference.id),
  patient: (pathway) => ({ id: pathway.patientId }),
  referral: async (pathway, _args, { referrals }) => {
    const referral = await referrals.byId(pathway.referralId);
    if (!referral) throw new Error(`pathway ${pathway.id} has no referral ${pathway.referralId}`);
    return referral;
  },
  clockPhase: (pathway) => pathway.phase,
  periods: (pathway, _args, { pathways }) => pathways.periods(pathway),
  currentPeriod: async (pathway, _args, { pathways }) => {
    const period = (await pathways.periods(pathway)).at(-1);
    // Receipt writes the pathway and its first clock in one transaction, so there is always one.
    if (!period) throw new Error(`pathway ${pathway.id} has no clock period`);
    return period;
  },
  rtt: async (pathway, args, { pathways }) => {
    const census = censusDate(args.censusDate, calendarDateInEngland(new Date()));
    const periods = await pathways.periods(pathway);
    try {
      return positionAt(periods, census);
    } catch (error) {
      throw asApiError(error, { censusDate: 'censusDate' });
    }
  },
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
  document: (entry, _args, { documents }) => (entry.documentId === null ? null : documents.byId(entry.documentId)),
  assessment: (entry, _args, { assessments }) => (entry.assessmentId === null ? null : assessments.byId(entry.assessmentId)),
};
