import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Query } from './query.js';
import { Referral, Patient } from './referral.js';
import { Pathway, PathwayTimelineEntry, RttPeriod, RttPosition } from './pathway.js';
import { AssessmentContribution, MultidisciplinaryAssessment, PathwayDocument } from './clinical.js';
import { PatientTrackingListEntry } from './reports.js';
import { referralMutations } from './referral-mutations.js';
import { pathwayMutations } from './pathway-mutations.js';
import { clinicalMutations } from './clinical-mutations.js';

export const resolvers: Resolvers = {
  Query,
  Mutation: { ...referralMutations, ...pathwayMutations, ...clinicalMutations },
  Referral,
  Patient,
  Pathway,
  RttPeriod,
  RttPosition,
  PathwayTimelineEntry,
  MultidisciplinaryAssessment,
  AssessmentContribution,
  PathwayDocument,
  PatientTrackingListEntry,
};
