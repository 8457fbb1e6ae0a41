import type { HumanNameResolvers, PatientResolvers } from '../__generated__/resolvers-types.js';
import { toIsoDate } from '@epr/platform';

export const Patient: PatientResolvers = {
  __resolveReference: (reference, { patients }) => patients.byId(reference.id),
  name: (patient) => ({ given: patient.givenName, family: patient.familyName }),
  birthDate: (patient) => toIsoDate(patient.birthDate),
};

export const HumanName: HumanNameResolvers = {};
