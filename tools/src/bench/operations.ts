import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import type { BenchCaller } from './callers.js';

/** What the seeded database offers the operations to ask about. */
export interface SeededData {
  patientIds: string[];
  familyNames: string[];
  pathwayIds: string[];
  organisation: string;
}

/** One operation a portal or reporting tool sends, as the benchmark drives it. */
export interface BenchOperation {
  key: string;
  title: string;
  document: string;
  /** The variables of successive requests, or why the seeded data cannot support this operation. */
  variables: (data: SeededData) => Record<string, unknown>[] | { unavailable: string };
  /** Who sends it, when not the benchmark's clinician: a report needs a role that may run reports. */
  caller?: BenchCaller;
}

const byPatient = (data: SeededData) =>
  data.patientIds.length > 0 ? data.patientIds.map((id) => ({ id })) : { unavailable: 'the seeded data has no patient' };

/** A clinician opening a patient: demographics, referrals, appointments and who has looked (all four subgraphs). */
export const patientSummary: BenchOperation = {
  key: 'patient-summary',
  title: 'patient summary (4 subgraphs)',
  document: `query PatientSummary($id: ID!) {
  patient(id: $id) {
    id nhsNumber name { given family } birthDate sex
    referrals { id specialty priority receivedOn receivingOrganisation }
    appointments { id clinicName organisation startsAt status }
    accessEvents(last: 20) { occurredAt action outcome userId jobRoleCode organisation }
  }
}`,
  variables: byPatient,
};

/** The single-subgraph query for the hop cost: the same fields through the gateway and straight to `patient`. */
export const patientDemographics: BenchOperation = {
  key: 'patient-demographics',
  title: 'patient demographics (1 subgraph)',
  document: `query PatientDemographics($id: ID!) {
  patient(id: $id) { id nhsNumber name { given family } birthDate sex }
}`,
  variables: byPatient,
};

export const patientSearch: BenchOperation = {
  key: 'patient-search',
  title: 'patient search',
  document: `query PatientSearch($criteria: PatientSearchInput!) {
  searchPatients(criteria: $criteria, first: 20) {
    edges { score node { id nhsNumber name { given family } birthDate } }
  }
}`,
  variables: (data) =>
    data.familyNames.length > 0
      ? data.familyNames.map((familyName) => ({ criteria: { familyName } }))
      : { unavailable: 'the seeded data has no patient to search for' },
};

export const pathwayTimeline: BenchOperation = {
  key: 'pathway-timeline',
  title: 'pathway timeline',
  document: `query PathwayTimeline($id: ID!) {
  pathway(id: $id) {
    id specialty clockPhase
    rtt { weeksWaited band { label } withinStandard }
    timeline(first: 50) { entries { id kind occurredOn clockEffect note } hasNextPage }
  }
}`,
  variables: (data) =>
    data.pathwayIds.length > 0 ? data.pathwayIds.map((id) => ({ id })) : { unavailable: 'the seeded data has no RTT pathway' },
};

export const rttTrackingList: BenchOperation = {
  key: 'rtt-tracking-list',
  title: 'RTT patient tracking list (100 rows)',
  document: `query TrackingList($organisation: String!) {
  patientTrackingList(organisation: $organisation, first: 100) {
    censusDate
    entries { patient { id nhsNumber name { family } } specialty priority clockStartedOn weeksWaited band { label } withinStandard breachDate }
    hasNextPage endCursor
  }
}`,
  variables: (data) =>
    data.pathwayIds.length > 0 ? [{ organisation: data.organisation }] : { unavailable: 'the seeded data has no RTT pathway to list' },
  // A booking clerk (R8010) at the provider: the demo role that holds the RTT reporting activity.
  caller: { userId: 'clerk.chloe.reid', roleProfileId: 'rp-reid-rx1' },
};

/** The operations of the main table, in the order printed. */
export const tableOperations = [patientSummary, patientSearch, pathwayTimeline, rttTrackingList];

const bodies = new Map<BenchOperation, string[]>();

/** The JSON request bodies of successive requests (empty when the data cannot support the operation). */
export function bodiesFor(operation: BenchOperation, data: SeededData): string[] {
  let list = bodies.get(operation);
  if (!list) {
    const variables = operation.variables(data);
    list = Array.isArray(variables) ? variables.map((v) => JSON.stringify({ query: operation.document, variables: v })) : [];
    bodies.set(operation, list);
  }
  return list;
}

/** Why the composed supergraph cannot serve `operation` (a field not built yet), or undefined when it can. */
export function missingFromSupergraph(operation: BenchOperation, supergraph: GraphQLSchema): string | undefined {
  const errors = validate(supergraph, parse(operation.document));
  return errors.length > 0 ? errors.map((e) => e.message).join(' ') : undefined;
}

/** The composed supergraph as a schema to validate operations against. */
export function supergraphSchema(supergraphSdl: string): GraphQLSchema {
  return buildSchema(supergraphSdl, { assumeValidSDL: true });
}
