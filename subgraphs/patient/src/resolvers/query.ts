import { badUserInput } from '@epr/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { normaliseNhsNumber } from '../domain/nhs-number.js';
import { decodeCursor, parsePageSize } from '../domain/pagination.js';
import { parsePatientSearch } from '../domain/search-criteria.js';
import { connection } from './connection.js';

export const Query: QueryResolvers = {
  me: (_parent, _args, { directory }) => directory.me(),
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
  duplicateCandidates: async (_parent, { minScore, first, after }, { dataQuality }) => {
    const threshold = minScore ?? 0.8;
    if (threshold < 0 || threshold > 1) throw badUserInput('minScore is between 0 and 1.', 'minScore');
    const page = await dataQuality.worklist(threshold, parsePageSize(first, 'first'), after ? decodeCursor(after, 'after') : null);
    return connection(
      page,
      (c) => ({ score: c.score, id: c.id }),
      (c) => ({ node: c }),
    );
  },
  problem: (_parent, { id }, { clinicalRecord }) => clinicalRecord.problem(id),
  allergy: (_parent, { id }, { clinicalRecord }) => clinicalRecord.allergy(id),
  medication: (_parent, { id }, { clinicalRecord }) => clinicalRecord.medication(id),
  document: (_parent, { id }, { clinicalRecord }) => clinicalRecord.document(id),
  organisation: (_parent, { odsCode }, { directory }) => directory.organisationByOds(odsCode),
  careTeam: (_parent, { id }, { directory }) => directory.careTeam(id),
  _referralTeams: (_parent, { organisation, service }, { directory }) => directory.referralTeams(organisation, service),
  _clinicTeam: (_parent, { organisation, code }, { directory }) => directory.clinicTeam(organisation, code),
  _clinicClinician: (_parent, { organisation, userId }, { directory }) => directory.clinicClinician(organisation, userId),
  _organisationNames: (_parent, { odsCodes }, { directory }) => directory.organisationNames(odsCodes),
  _sessionRoleProfile: (_parent, { userId, roleProfileId }, { directory }) => directory.sessionRoleProfile(userId, roleProfileId),
};
