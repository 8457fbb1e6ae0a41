import type { MutationResolvers } from '../__generated__/resolvers-types.js';

export const referralMutations: Pick<MutationResolvers, 'createReferral' | 'triageReferral' | 'withdrawReferral'> = {
  createReferral: (_parent, { input }, { referrals }) => referrals.create(input),
  triageReferral: (_parent, { input }, { referrals }) => referrals.triage(input),
  withdrawReferral: (_parent, { input }, { referrals }) => referrals.withdraw(input),
};
