import { can, isTrustedService, isUserSession, type FieldRules } from '@epr/platform';

/**
 * Field-level rules of the care-pathway subgraph: thin role checks against the shared policy engine
 * (`can(activity)`). Deny by default: a field missing here is refused, and the deny-by-default test fails.
 * Which patients, pathways and items a caller sees — relationships, seals, consent — is decided in the
 * access classes, the one path every read takes.
 */
const referrals = can('referrals.read');
const manageReferrals = can('referrals.manage');
const clinical = can('clinical.read');
const writeClinical = can('clinical.write');
const report = can('pathway.report');
const identifyPatients = can('demographics.read');

export const rules: FieldRules = {
  Query: {
    referral: referrals,
    pathway: referrals,
    patientTrackingList: report,
    rttPerformance: report,
    rttCompletedPathways: report,
    rttNewClockStarts: report,
    // Reference data from the national guidance: no patient data.
    rttStatusCodes: isUserSession,
  },
  Mutation: {
    createReferral: manageReferrals,
    triageReferral: manageReferrals,
    recordRttEvent: manageReferrals,
    // Only scheduling's outcome relay delivers appointment outcomes, signed with its own service key.
    recordAppointmentOutcome: isTrustedService('scheduling'),
    startAssessment: writeClinical,
    contributeToAssessment: writeClinical,
    signOffAssessment: writeClinical,
    addPathwayDocument: writeClinical,
  },
  AppointmentOutcomeReceipt: isTrustedService('scheduling'),
  Referral: referrals,
  Referrer: referrals,
  ReferralTriage: referrals,
  Pathway: { '*': referrals, assessments: clinical, documents: clinical },
  RttPeriod: isUserSession,
  RttPosition: isUserSession,
  RttStatus: isUserSession,
  RttWeekBand: isUserSession,
  PathwayTimelinePage: referrals,
  PathwayTimelineEntry: { '*': referrals, document: clinical, assessment: clinical },
  Appointment: referrals,
  MultidisciplinaryAssessment: clinical,
  AssessmentContribution: clinical,
  ClinicalAuthor: isUserSession,
  PathwayDocument: clinical,
  PatientTrackingList: report,
  // Reporting analysts see waits, not people: naming the patient or opening the pathway needs more.
  PatientTrackingListEntry: { '*': report, patient: identifyPatients, pathway: referrals },
  RttBandCount: report,
  RttSpecialtyPerformance: report,
  RttPerformance: report,
  RttCompletedPathwayGroup: report,
  RttCompletedPathways: report,
  RttSpecialtyCount: report,
  RttNewClockStarts: report,
  Patient: { id: isUserSession, referrals, pathways: referrals },
};
