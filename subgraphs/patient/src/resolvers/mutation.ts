import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { validateRegistration } from '../domain/register-patient.js';
import { conflict } from '@epr/platform';
import { isUniqueViolation } from '../data/errors.js';

export const Mutation: MutationResolvers = {
  registerPatient: async (_parent, { input }, { patientStore, audit }) => {
    const patient = validateRegistration(input);
    try {
      const created = await patientStore.create(patient);
      audit.record({ action: 'patient.create', outcome: 'ALLOWED', patientId: created.id });
      return created;
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('A patient with this NHS number is already registered.', 'input.nhsNumber');
      throw error;
    }
  },
};
