import type { MutationResolvers } from '../__generated__/resolvers-types.js';

type SessionMutations = Pick<MutationResolvers, 'signOut' | 'revokeSession' | 'endRoleProfile'>;

export const sessionMutations: SessionMutations = {
  signOut: (_parent, _args, { sessions }) => sessions.signOut(),
  revokeSession: (_parent, { userId, sessionId, reason }, { sessions }) => sessions.revoke(userId, sessionId, reason),
  endRoleProfile: (_parent, { roleProfileId, reason }, { sessions }) => sessions.endRoleProfile(roleProfileId, reason),
};
