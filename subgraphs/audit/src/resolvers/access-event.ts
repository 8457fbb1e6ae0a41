import type { AccessEventConnectionResolvers, AccessEventResolvers } from '../__generated__/resolvers-types.js';
import { toFhirAuditEvent, toFhirBundle } from '../domain/fhir-audit-event.js';

export const AccessEvent: AccessEventResolvers = {
  id: (event) => event.seq.toString(),
  occurredAt: (event) => event.occurredAt.toISOString(),
  patient: (event) => (event.patientId ? { id: event.patientId } : null),
  basis: (event) => (event.basisKind ? { kind: event.basisKind, detail: event.basisDetail } : null),
  fhir: (event) => toFhirAuditEvent(event),
};

export const AccessEventConnection: AccessEventConnectionResolvers = {
  fhirBundle: (page) =>
    toFhirBundle(
      page.edges.map((edge) => edge.node),
      new Date(),
    ),
};
