import type { OrganisationResolvers, PatientResolvers, RecordAccessResolvers } from '../__generated__/resolvers-types.js';
import { reasonFor, whatWasAccessed } from '../domain/record-access-view.js';

export const Patient: PatientResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  accessEvents: (patient, { last }, { securityLog }) => securityLog.forPatient(patient.id, last),
  accessLog: (patient, { first, after }, { securityLog }) => securityLog.accessLog(patient.id, first, after),
};

export const RecordAccess: RecordAccessResolvers = {
  occurredAt: (event) => event.occurredAt.toISOString(),
  role: (event, _args, { securityLog }) => securityLog.accessorRole(event),
  organisation: (event) => ({ odsCode: event.organisation }),
  what: (event) => whatWasAccessed(event.action, event.category),
  reason: (event) => reasonFor(event.basisKind, event.basisDetail),
};

/** An organisation reached through the access log: its name from the directory, so the gateway need not ask again. */
export const Organisation: OrganisationResolvers = {
  name: (organisation, _args, { organisations }) => organisations.nameOf(organisation.odsCode),
};
