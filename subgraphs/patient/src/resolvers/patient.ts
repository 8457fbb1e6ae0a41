import type {
  EmergencyAccessGrantResolvers,
  LegitimateRelationshipGrantResolvers,
  PatientResolvers,
  SealedItemResolvers,
} from '../__generated__/resolvers-types.js';
import { toIsoDate } from '@epr/platform';
import { optionalDate } from './dates.js';

export const Patient: PatientResolvers = {
  __resolveReference: (reference, { patients }) => patients.byId(reference.id),
  name: (patient) => ({ patientId: patient.id, given: patient.givenName, family: patient.familyName }),
  previousNames: async (patient, _args, { patients }) =>
    (await patients.previousNames(patient.id)).map((name) => ({ patientId: patient.id, given: name.givenName, family: name.familyName })),
  birthDate: (patient) => toIsoDate(patient.birthDate),
  dateOfDeath: (patient) => optionalDate(patient.dateOfDeath),
  address: (patient) =>
    patient.addressLines.length > 0 || patient.postcode
      ? { patientId: patient.id, lines: patient.addressLines, postcode: patient.postcode }
      : null,
  registeredGpPractice: (patient, _args, { directory }) =>
    patient.registeredGpPracticeId ? directory.organisation(patient.registeredGpPracticeId) : null,
  localIdentifiers: (patient, _args, { patients }) => patients.localIdentifiers(patient.id),
  replacedBy: (patient, _args, { patients }) => (patient.replacedById ? patients.record(patient.replacedById) : null),
  mergedFrom: (patient, _args, { patients }) => patients.mergedFrom(patient.id),
  recordPatientIds: (patient, _args, { patients }) => patients.recordPatientIds(patient),
  possibleDuplicates: (patient, _args, { dataQuality }) => dataQuality.possibleDuplicates(patient.id),
  problems: (patient, { sealOverrideJustification }, { clinicalRecord }) => clinicalRecord.problems(patient.id, sealOverrideJustification),
  allergies: (patient, { sealOverrideJustification }, { clinicalRecord }) =>
    clinicalRecord.allergies(patient.id, sealOverrideJustification),
  medications: (patient, { sealOverrideJustification }, { clinicalRecord }) =>
    clinicalRecord.medications(patient.id, sealOverrideJustification),
  documents: (patient, { sealOverrideJustification }, { clinicalRecord }) =>
    clinicalRecord.documents(patient.id, sealOverrideJustification),
  sealedItems: (patient, _args, { clinicalRecord }) => clinicalRecord.sealedItems(patient.id),
  consent: (patient, _args, { access }) => access.consent(patient.id),
  nominations: (patient, _args, { access }) => access.nominations(patient.id),
  admissions: (patient, _args, { admissions }) => admissions.admissions(patient.id),
};

export const SealedItem: SealedItemResolvers = {
  recordedAt: (item) => item.recordedAt.toISOString(),
};

export const LegitimateRelationshipGrant: LegitimateRelationshipGrantResolvers = {
  patient: async (grant, _args, { patients }) => (await patients.byId(grant.patientId))!,
  expiresAt: (grant) => grant.expiresAt?.toISOString() ?? null,
};

export const EmergencyAccessGrant: EmergencyAccessGrantResolvers = {
  patient: async (grant, _args, { patients }) => (await patients.byId(grant.patientId))!,
  expiresAt: (grant) => grant.expiresAt.toISOString(),
};
