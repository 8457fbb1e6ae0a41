import type { Resolvers } from '../__generated__/resolvers-types.js';
import { toIsoDate } from '@epr/platform';

export const resolvers: Resolvers = {
  Query: {
    referral: (_parent, { id }, { referrals }) => referrals.byId(id),
  },
  Referral: {
    __resolveReference: (reference, { referrals }) => referrals.byId(reference.id),
    patient: (referral) => ({ id: referral.patientId }),
    receivedOn: (referral) => toIsoDate(referral.receivedOn),
  },
  Patient: {
    __resolveReference: (reference) => ({ id: reference.id }),
    referrals: (patient, _args, { referrals }) => referrals.forPatient(patient.id),
  },
};
