import type {
  AddressResolvers,
  EmergencyAccessGrantResolvers,
  HumanNameResolvers,
  LegitimateRelationshipGrantResolvers,
  LocalIdentifierResolvers,
  PatientResolvers,
  SealedItemResolvers,
} from '../__generated__/resolvers-types.js';
import { toIsoDate } from '@epr/platform';
import { optionalDate } from './dates.js';

export const Patient: PatientResolvers = {
  __resolveReference: (reference, { patients }) => patients.byId(reference.id),
  name: (patient) => ({ given: patient.givenName, family: patient.familyName }),
  previousNames: async (patient, _args, { patients }) =>
    (await patients.previousNames(patient.id)).map((name) => ({ given: name.givenName, family: name.familyName })),
  birthDate: (patient) => toIsoDate(patient.birthDate),
  dateOfDeath: (patient) => optionalDate(patient.dateOfDeath),
  address: (patient) =>
    patient.addressLines.length > 0 || patient.postcode ? { lines: patient.addressLines, postcode: patient.postcode } : null,
  registeredGpPractice: (patient, _args, { loaders }) =>
    patient.registeredGpPracticeId ? loaders.organisationById.load(patient.registeredGpPracticeId) : null,
  localIdentifiers: (patient, _args, { patients }) => patients.localIdentifiers(patient.id),
  replacedBy: (patient, _args, { patients }) => (patient.replacedById ? patients.record(patient.replacedById) : null),
  mergedFrom: (patient, _args, { patients }) => patients.mergedFrom(patient.id),
  possibleDuplicates: (patient, _args, { patients }) => patients.possibleDuplicates(patient.id),
  problems: (patient, { sealOverrideJustification }, { patients }) => patients.problems(patient.id, sealOverrideJustification),
  allergies: (patient, { sealOverrideJustification }, { patients }) => patients.allergies(patient.id, sealOverrideJustification),
  medications: (patient, { sealOverrideJustification }, { patients }) => patients.medications(patient.id, sealOverrideJustification),
  documents: (patient, { sealOverrideJustification }, { patients }) => patients.documents(patient.id, sealOverrideJustification),
  sealedItems: (patient, _args, { patients }) => patients.sealedItems(patient.id),
  consent: (patient, _args, { consents }) => consents.current(patient.id),
  admissions: (patient, _args, { patients }) => patients.admissions(patient.id),
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

export const HumanName: HumanNameResolvers = {};
export const Address: AddressResolvers = {};
export const LocalIdentifier: LocalIdentifierResolvers = {};
