// graphql-codegen: resolver types for each subgraph, from its SDL, into src/__generated__ (never edited by hand).
import type { CodegenConfig } from '@graphql-codegen/cli';
import { subgraphManifest, type SubgraphName } from './packages/platform/src/subgraph-manifest.js';

// Resolvers receive our domain records (not GraphQL shapes) as parents; these say which record each type is.
const mappers: Record<SubgraphName, Record<string, string>> = {
  patient: {
    Patient: '../data/patient-store.js#PatientRecord',
    LocalIdentifier: '../data/patient-store.js#LocalIdentifierRecord',
    DuplicateCandidate: '../data/duplicate-store.js#DuplicateCandidateRecord',
    PatientMerge: '../data/merge-store.js#PatientMergeRecord',
    Admission: '../data/admission-store.js#AdmissionRecord',
    SealedItem: '../services/clinical-record-service.js#SealedItemRecord',
    HumanName: '../services/views.js#HumanNameView',
    Address: '../services/views.js#AddressView',
    SnomedConcept: '../services/views.js#SnomedConceptView',
    DocumentSection: '../services/views.js#DocumentSectionView',
    LegitimateRelationshipGrant: '../domain/access-grants.js#RelationshipGrantRecord',
    EmergencyAccessGrant: '../domain/access-grants.js#EmergencyAccessGrantRecord',
    ConsentSettings: '../services/access-service.js#PatientConsent',
    Problem: '../data/clinical-record-store.js#ProblemRecord',
    Allergy: '../data/clinical-record-store.js#AllergyRecord',
    Medication: '../data/clinical-record-store.js#MedicationRecord',
    ClinicalDocument: '../data/clinical-record-store.js#ClinicalDocumentRecord',
    ClinicalItem: '../data/clinical-record-store.js#ClinicalItemOfKind',
    ClinicalItemChange: '../data/clinical-record-store.js#ChangeRecord',
    Organisation: '../data/directory-store.js#OrganisationRecord',
    CareTeam: '../data/directory-store.js#CareTeamRecord',
    User: '../data/directory-store.js#UserRecord',
    RoleProfile: '../data/directory-store.js#RoleProfileRecord',
    Session: '../data/directory-store.js#SessionRecord',
    SessionRoleProfile: '../data/directory-store.js#SessionRoleProfileRecord',
    SessionRevocation: '../data/session-revocation-store.js#SessionRevocationRecord',
  },
  'care-pathway': {
    Referral: '../data/referral-store.js#ReferralRecord',
    Referrer: '../services/referral-service.js#ReferrerView',
    ReferralTriage: '../services/referral-service.js#ReferralTriageView',
    ReferralWithdrawal: '../services/referral-service.js#ReferralWithdrawalView',
    Patient: '../data/patient-ref.js#PatientRef',
    Pathway: '../data/pathway-store.js#PathwayRecord',
    RttPeriod: '../services/pathway-service.js#PatientPeriod',
    RttPosition: '../services/pathway-service.js#PatientPosition',
    RttWeekBand: '../domain/rtt/waiting-time.js#RttBand',
    PathwayTimelineEntry: '../data/pathway-event-store.js#PathwayEventRecord',
    PathwayTimelinePage: '../services/pathway-service.js#TimelinePage',
    MultidisciplinaryAssessment: '../data/assessment-store.js#AssessmentRecord',
    AssessmentContribution: '../services/assessment-service.js#VisibleContribution',
    PathwayDocument: '../data/clinical-document-store.js#ClinicalDocumentRecord',
    PatientTrackingList: '../services/rtt-report-service.js#TrackingList',
    PatientTrackingListEntry: '../services/rtt-report-service.js#TrackingListEntry',
    RttPerformance: '../services/rtt-report-service.js#RttPerformanceReport',
    RttCompletedPathways: '../services/rtt-report-service.js#CompletedPathwaysReport',
    RttBandCount: '../domain/rtt/rtt-report.js#BandCount',
  },
  scheduling: {
    Appointment: '../data/appointment-store.js#AppointmentRecord',
    Cancellation: '../services/appointment-service.js#CancellationView',
    Patient: '../data/patient-ref.js#PatientRef',
    Pathway: '../data/pathway-ref.js#PathwayRef',
    Clinic: '../data/clinic-store.js#ClinicRecord',
    SessionTemplate: '../data/clinic-store.js#SessionTemplateRecord',
    Slot: '../data/slot-store.js#SlotRecord',
  },
  audit: {
    AccessEvent: '../data/access-event-store.js#AccessEventRecord',
    AccessEventConnection: '../domain/page.js#AccessEventPage',
    RecordAccess: '../data/access-event-store.js#AccessEventRecord',
    AccessAlert: '../data/alert-store.js#AlertRecord',
    Patient: '../data/patient-ref.js#PatientRef',
    Organisation: '../data/organisation-directory.js#OrganisationRef',
  },
};

const only = process.env['SUBGRAPH'];

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    subgraphManifest
      .filter(({ name }) => !only || name === only)
      .map(({ name, sdlFile }) => [
        `subgraphs/${name}/src/__generated__/resolvers-types.ts`,
        {
          schema: sdlFile,
          plugins: ['typescript', 'typescript-resolvers'],
          config: {
            federation: true,
            useIndexSignature: true,
            useTypeImports: true,
            strictScalars: true,
            scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown', _FieldSet: 'string' },
            contextType: '../context.js#Context',
            mappers: mappers[name],
            enumsAsTypes: true,
            avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
          },
        },
      ]),
  ),
};
export default config;
