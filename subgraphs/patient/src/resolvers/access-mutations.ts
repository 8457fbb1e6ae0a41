import type { MutationResolvers } from '../__generated__/resolvers-types.js';

type AccessMutations = Pick<
  MutationResolvers,
  'claimLegitimateRelationship' | 'grantLegitimateRelationship' | 'emergencyAccess' | 'updateMyConsent' | 'nominateItemViewers'
>;

export const accessMutations: AccessMutations = {
  claimLegitimateRelationship: (_parent, { patientId, reasonCode }, { access }) => access.claim(patientId, reasonCode),
  grantLegitimateRelationship: (_parent, { patientId, colleagueUserId, reasonCode }, { access }) =>
    access.grant(patientId, colleagueUserId, reasonCode),
  emergencyAccess: (_parent, { patientId, reason }, { access }) => access.emergencyAccess(patientId, reason),
  updateMyConsent: (_parent, { choices }, { access }) => access.updateMyConsent(choices),
  nominateItemViewers: (_parent, { kind, itemId, userIds }, { access }) => access.nominate(kind, itemId, userIds),
};
