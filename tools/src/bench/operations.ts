import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import type { BenchCaller } from './callers.js';

/** What the seeded database offers the operations to ask about. */
export interface SeededData {
  /** The demo patient who signs in to the portal: the summary is her view of her own record. */
  portalPatientId: string;
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
  /** Who sends it: the role the operation is for (the policy engine refuses it to others); the clinician if absent. */
  caller?: BenchCaller;
}

// Olivia Bennett in the NHS App: a patient sees her own record and who has looked at it.
const portalPatient: BenchCaller = { userId: 'olivia.bennett', roleProfileId: 'rp-bennett-portal' };
/** A consultant at the trust: finds patients and follows their pathways. */
export const clinician: BenchCaller = { userId: 'dr.amelia.hart', roleProfileId: 'rp-hart-rx1' };
const ownRecord = (data: SeededData) => [{ id: data.portalPatientId }];

/**
 * The patient summary as the portal shows it: demographics, referrals, appointments and who has looked at
 * the record — all four subgraphs, and an organisation joined back from the patient subgraph.
 */
export const patientSummary: BenchOperation = {
  key: 'patient-summary',
  title: 'patient summary (4 subgraphs)',
  document: `query PatientSummary($id: ID!) {
  patient(id: $id) {
    id nhsNumber name { given family } birthDate sex
    referrals { id specialty priority receivedOn receivingOrganisation }
    appointments { id clinicName organisation startsAt status }
    accessLog(first: 20) { edges { node { occurredAt role organisation { name } what reason outcome } } }
  }
}`,
  variables: ownRecord,
  caller: portalPatient,
};

/** The single-subgraph query for the hop cost: the same fields through the gateway and straight to `patient`. */
export const patientDemographics: BenchOperation = {
  key: 'patient-demographics',
  title: 'patient demographics (1 subgraph)',
  document: `query PatientDemographics($id: ID!) {
  patient(id: $id) { id nhsNumber name { given family } birthDate sex }
}`,
  variables: ownRecord,
  caller: portalPatient,
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
  caller: clinician,
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
  caller: clinician,
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
