import { GraphQLError } from 'graphql';
import { ErrorCode, badUserInput } from '@epr/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { normaliseNhsNumber } from '../domain/nhs-number.js';
import { decodeCursor, parsePageSize } from '../domain/pagination.js';
import { parsePatientSearch } from '../domain/search-criteria.js';
import { connection } from './connection.js';

export const Query: QueryResolvers = {
  me: async (_parent, _args, { caller, stores }) => {
    const profile = await stores.directory.activeRoleProfile(caller.userId, caller.roleProfileId);
    // The gateway checked this moments ago; a profile revoked since then ends the session.
    if (!profile)
      throw new GraphQLError('Your role profile is no longer active. Sign in again.', { extensions: { code: ErrorCode.Unauthenticated } });
    return { userId: profile.userId, displayName: profile.displayName, roleProfile: profile };
  },
  patient: (_parent, { id }, { patients }) => patients.byId(id),
  patientByNhsNumber: (_parent, { nhsNumber }, { patients }) => patients.byNhsNumber(normaliseNhsNumber(nhsNumber)),
  patientByLocalIdentifier: (_parent, { organisation, value }, { patients }) =>
    patients.byLocalIdentifier({ odsCode: organisation.trim().toUpperCase(), value: value.trim() }),
  searchPatients: async (_parent, { criteria, first, after }, { patients }) => {
    const search = parsePatientSearch(criteria);
    const page = await patients.search(search, parsePageSize(first, 'first'), after ? decodeCursor(after, 'after') : null);
    return connection(
      page,
      (m) => ({ score: m.score, id: m.patient.id }),
      (m) => ({ score: m.score, node: m.patient }),
    );
  },
  duplicateCandidates: async (_parent, { minScore, first, after }, { patients }) => {
    const threshold = minScore ?? 0.8;
    if (threshold < 0 || threshold > 1) throw badUserInput('minScore is between 0 and 1.', 'minScore');
    const page = await patients.duplicateWorklist(threshold, parsePageSize(first, 'first'), after ? decodeCursor(after, 'after') : null);
    return connection(
      page,
      (c) => ({ score: c.score, id: c.id }),
      (c) => ({ node: c }),
    );
  },
  problem: (_parent, { id }, { patients }) => patients.problem(id),
  allergy: (_parent, { id }, { patients }) => patients.allergy(id),
  medication: (_parent, { id }, { patients }) => patients.medication(id),
  organisation: (_parent, { odsCode }, { loaders }) => loaders.organisationByOds.load(odsCode.trim().toUpperCase()),
  careTeam: (_parent, { id }, { loaders }) => loaders.careTeamById.load(id),
  _sessionRoleProfile: async (_parent, { userId, roleProfileId }, { stores }) => {
    const profile = await stores.directory.activeRoleProfile(userId, roleProfileId);
    return profile
      ? {
          roleProfileId: profile.id,
          jobRoleCode: profile.jobRoleCode,
          organisationOds: profile.organisation.odsCode,
          patientId: profile.patientId,
        }
      : null;
  },
};
