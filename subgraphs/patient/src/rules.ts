import { isGatewaySystem, isUserSession, type FieldRules } from '@epr/platform';

/**
 * Field-level rules of the patient subgraph. Deny by default: a field missing here is refused, and the
 * deny-by-default test fails. Role, relationship, seal and consent rules replace `isUserSession` as the
 * access-control work lands (merges and the duplicate worklist are data-quality work; recording clinical items
 * is clinical work).
 */
export const rules: FieldRules = {
  Query: {
    me: isUserSession,
    patient: isUserSession,
    patientByNhsNumber: isUserSession,
    patientByLocalIdentifier: isUserSession,
    searchPatients: isUserSession,
    duplicateCandidates: isUserSession,
    organisation: isUserSession,
    careTeam: isUserSession,
    _sessionRoleProfile: isGatewaySystem,
  },
  Mutation: {
    registerPatient: isUserSession,
    updatePatient: isUserSession,
    addLocalIdentifier: isUserSession,
    mergePatients: isUserSession,
    unmergePatient: isUserSession,
    dismissDuplicateCandidate: isUserSession,
    recordProblem: isUserSession,
    recordAllergy: isUserSession,
    recordMedication: isUserSession,
    fileClinicalDocument: isUserSession,
  },
  Patient: isUserSession,
  HumanName: isUserSession,
  Address: isUserSession,
  LocalIdentifier: isUserSession,
  PatientSearchConnection: isUserSession,
  PatientSearchEdge: isUserSession,
  PageInfo: isUserSession,
  DuplicateCandidate: isUserSession,
  DuplicateCandidateConnection: isUserSession,
  DuplicateCandidateEdge: isUserSession,
  PatientMerge: isUserSession,
  Problem: isUserSession,
  Allergy: isUserSession,
  Medication: isUserSession,
  ClinicalDocument: isUserSession,
  DocumentSection: isUserSession,
  SnomedConcept: isUserSession,
  Organisation: isUserSession,
  CareTeam: isUserSession,
  User: isUserSession,
  Session: isUserSession,
  RoleProfile: isUserSession,
  SessionRoleProfile: isGatewaySystem,
};
