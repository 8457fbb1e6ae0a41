import { recordOf, type PatientLocators } from '@epr/platform';
import type { ReferralRecord } from './data/referral-store.js';
import type { PathwayRecord } from './data/pathway-store.js';
import type { PathwayEventRecord } from './data/pathway-event-store.js';
import type { AssessmentRecord } from './data/assessment-store.js';
import type { ClinicalDocumentRecord } from './data/clinical-document-store.js';
import type { PatientRef } from './data/patient-ref.js';
import type { PatientPeriod, PatientPosition, TimelinePage } from './services/pathway-service.js';
import type { VisibleContribution } from './services/assessment-service.js';
import type { ReferralTriageView, ReferralWithdrawalView, ReferrerView } from './services/referral-service.js';
import type { TrackingListEntry } from './services/rtt-report-service.js';

/**
 * For every type with patient-bound fields: the patient an object of it belongs to. The shield rules ask the
 * policy engine about that patient for every such field, so a referral's reason or a timeline note is decided
 * for its own patient wherever it is reached from.
 */
export const patientOf: PatientLocators = {
  // The record being read: the survivor, whatever id (a merged duplicate's) the representation came with.
  Patient: (patient: PatientRef) => recordOf(patient).survivorId,
  Referral: (referral: ReferralRecord) => referral.patientId,
  Referrer: (referrer: ReferrerView) => referrer.patientId,
  ReferralTriage: (triage: ReferralTriageView) => triage.patientId,
  ReferralWithdrawal: (withdrawal: ReferralWithdrawalView) => withdrawal.patientId,
  Pathway: (pathway: PathwayRecord) => pathway.patientId,
  RttPeriod: (period: PatientPeriod) => period.patientId,
  RttPosition: (position: PatientPosition) => position.patientId,
  PathwayTimelinePage: (page: TimelinePage) => page.patientId,
  PathwayTimelineEntry: (entry: PathwayEventRecord) => entry.patientId,
  MultidisciplinaryAssessment: (assessment: AssessmentRecord) => assessment.patientId,
  AssessmentContribution: (contribution: VisibleContribution) => contribution.item.patientId,
  PathwayDocument: (document: ClinicalDocumentRecord) => document.patientId,
  PatientTrackingListEntry: (entry: TrackingListEntry) => entry.patientId,
};
