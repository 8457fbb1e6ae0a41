import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Query } from './query.js';
import { demographicMutations } from './demographic-mutations.js';
import { mergeMutations } from './merge-mutations.js';
import { clinicalMutations } from './clinical-mutations.js';
import { accessMutations } from './access-mutations.js';
import { admissionMutations } from './admission-mutations.js';
import { Admission } from './admission.js';
import { sessionMutations } from './session-mutations.js';
import { Patient, SealedItem, LegitimateRelationshipGrant, EmergencyAccessGrant } from './patient.js';
import { Problem, Allergy, Medication, ClinicalDocument, ClinicalItem, ClinicalItemChange } from './clinical-record.js';
import { DuplicateCandidate, PatientMerge } from './duplicates.js';
import { Organisation, CareTeam, RoleProfile, Session, SessionRoleProfile, SessionRevocation } from './directory.js';

export const resolvers: Resolvers = {
  Query,
  Mutation: {
    ...demographicMutations,
    ...mergeMutations,
    ...clinicalMutations,
    ...accessMutations,
    ...sessionMutations,
    ...admissionMutations,
  },
  Admission,
  Patient,
  SealedItem,
  LegitimateRelationshipGrant,
  EmergencyAccessGrant,
  Problem,
  Allergy,
  Medication,
  ClinicalDocument,
  ClinicalItem,
  ClinicalItemChange,
  DuplicateCandidate,
  PatientMerge,
  Organisation,
  CareTeam,
  RoleProfile,
  Session,
  SessionRoleProfile,
  SessionRevocation,
};
