import { can, isGatewaySystem, isUserSession, type FieldRules } from '@epr/platform';

/**
 * Field-level rules of the patient subgraph: thin role checks against the shared policy engine; deny by default
 * (a field missing here is refused, and the deny-by-default test fails). Which patients and items a caller sees
 * — scope, relationships, seals, consent — is decided per patient and per item in PatientAccess.
 */
const demographics = can('demographics.read');
const registration = can('demographics.write');
const clinical = can('clinical.read');
const writeClinical = can('clinical.write');

export const rules: FieldRules = {
  Query: {
    me: isUserSession,
    patient: demographics,
    patientByNhsNumber: demographics,
    patientByLocalIdentifier: demographics,
    searchPatients: demographics,
    // The data quality team's worklist.
    duplicateCandidates: registration,
    organisation: isUserSession,
    careTeam: isUserSession,
    problem: clinical,
    allergy: clinical,
    medication: clinical,
    _sessionRoleProfile: isGatewaySystem,
  },
  Mutation: {
    registerPatient: registration,
    updatePatient: registration,
    addLocalIdentifier: registration,
    mergePatients: registration,
    unmergePatient: registration,
    dismissDuplicateCandidate: registration,
    admitPatient: can('admissions.manage'),
    dischargePatient: can('admissions.manage'),
    recordProblem: writeClinical,
    recordAllergy: writeClinical,
    recordMedication: writeClinical,
    fileClinicalDocument: writeClinical,
    claimLegitimateRelationship: can('relationship.self_claim'),
    grantLegitimateRelationship: can('relationship.grant'),
    emergencyAccess: can('emergency.access'),
    updateMyConsent: can('consent.manage_own'),
    nominateItemViewers: can('consent.manage_own'),
  },
  Patient: {
    '*': demographics,
    possibleDuplicates: registration,
    mergedFrom: registration,
    problems: clinical,
    allergies: clinical,
    medications: clinical,
    documents: clinical,
    sealedItems: clinical,
  },
  HumanName: demographics,
  Address: demographics,
  LocalIdentifier: demographics,
  PatientSearchConnection: demographics,
  PatientSearchEdge: demographics,
  PageInfo: isUserSession,
  DuplicateCandidate: registration,
  DuplicateCandidateConnection: registration,
  DuplicateCandidateEdge: registration,
  PatientMerge: registration,
  Problem: clinical,
  Allergy: clinical,
  Medication: clinical,
  ClinicalDocument: clinical,
  DocumentSection: clinical,
  SnomedConcept: clinical,
  SealedItem: clinical,
  ConsentSettings: demographics,
  // Where and when a patient stayed is administrative, like their identifiers: whoever may see the patient.
  Admission: demographics,
  LegitimateRelationshipGrant: isUserSession,
  EmergencyAccessGrant: isUserSession,
  Organisation: isUserSession,
  CareTeam: isUserSession,
  User: isUserSession,
  Session: isUserSession,
  RoleProfile: isUserSession,
  SessionRoleProfile: isGatewaySystem,
};
