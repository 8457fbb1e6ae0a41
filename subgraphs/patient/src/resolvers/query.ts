import { GraphQLError } from 'graphql';
import { ErrorCode } from '@epr/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { normaliseNhsNumber } from '../domain/nhs-number.js';

export const Query: QueryResolvers = {
  me: async (_parent, _args, { caller, directory }) => {
    const profile = await directory.activeRoleProfile(caller.userId, caller.roleProfileId);
    // The gateway checked this moments ago; a profile revoked since then ends the session.
    if (!profile) throw new GraphQLError('Your role profile is no longer active. Sign in again.', { extensions: { code: ErrorCode.Unauthenticated } });
    return { userId: profile.userId, displayName: profile.displayName, roleProfile: profile };
  },
  patient: (_parent, { id }, { patients }) => patients.byId(id),
  patientByNhsNumber: (_parent, { nhsNumber }, { patients }) => patients.byNhsNumber(normaliseNhsNumber(nhsNumber)),
  _sessionRoleProfile: async (_parent, { userId, roleProfileId }, { directory }) => {
    const profile = await directory.activeRoleProfile(userId, roleProfileId);
    return profile ? { jobRoleCode: profile.jobRoleCode, organisationOds: profile.organisation.odsCode } : null;
  },
};
