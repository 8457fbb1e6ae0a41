import type { MutationResolvers } from '../__generated__/resolvers-types.js';

type AdmissionMutations = Pick<MutationResolvers, 'admitPatient' | 'dischargePatient'>;

export const admissionMutations: AdmissionMutations = {
  admitPatient: (_parent, { input, message }, { admissions }) => admissions.admit(input, message),
  dischargePatient: (_parent, { input, message }, { admissions }) => admissions.discharge(input, message),
};
