import type { AccessEventRecord } from '../data/access-event-store.js';

/*
 * The security log in FHIR R4 AuditEvent form, following IHE Basic Audit Log Patterns (BALP): the user as the
 * requesting agent (SDS user id, role profile, job role, organisation, smartcard as altId), the patient and
 * the items as entities, the request id as a BALP XrequestId entity, the basis as purposeOfEvent.
 */

const sds = {
  user: 'https://fhir.nhs.uk/Id/sds-user-id',
  roleProfile: 'https://fhir.nhs.uk/Id/sds-role-profile-id',
  jobRole: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-SDSJobRoleName',
  organisation: 'https://fhir.nhs.uk/Id/ods-organization-code',
};
/** FHIR's action codes; anything else (a search, an emergency access) is E, "execute". */
const actionCodes: Record<string, string> = { create: 'C', read: 'R', update: 'U', delete: 'D' };
const purposeOfUse: Record<string, { code: string; display: string }> = {
  RELATIONSHIP: { code: 'TREAT', display: 'treatment' },
  AUTHORING_TEAM: { code: 'TREAT', display: 'treatment' },
  EMERGENCY: { code: 'ETREAT', display: 'Emergency Treatment' },
  SEAL_OVERRIDE: { code: 'BTG', display: 'break the glass' },
  SELF: { code: 'PATRQT', display: 'patient requested' },
  ROLE: { code: 'HOPERAT', display: 'healthcare operations' },
  SERVICE: { code: 'HOPERAT', display: 'healthcare operations' },
};

export function toFhirAuditEvent(event: AccessEventRecord): Record<string, unknown> {
  const operation = event.action.split('.').at(-1) ?? '';
  const purpose = event.basisKind ? purposeOfUse[event.basisKind] : undefined;
  return {
    resourceType: 'AuditEvent',
    id: event.seq.toString(),
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'urn:epr:audit-action', code: event.action }],
    action: actionCodes[operation] ?? 'E',
    recorded: event.occurredAt.toISOString(),
    outcome: event.outcome === 'ALLOWED' ? '0' : '4',
    ...(event.outcome === 'DENIED' ? { outcomeDesc: event.basisDetail ?? 'Access denied' } : {}),
    ...(purpose
      ? {
          purposeOfEvent: [
            {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', ...purpose }],
              ...(event.basisDetail ? { text: event.basisDetail } : {}),
            },
          ],
        }
      : {}),
    agent: [
      {
        type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110153', display: 'Source Role ID' }] },
        role: [{ coding: [{ system: sds.jobRole, code: event.jobRoleCode }], text: `${sds.roleProfile}|${event.roleProfileId}` }],
        who: { identifier: { system: sds.user, value: event.userId } },
        ...(event.cardSerial ? { altId: event.cardSerial } : {}),
        requestor: true,
        location: { identifier: { system: sds.organisation, value: event.organisation } },
      },
    ],
    source: {
      site: event.subgraph,
      observer: { display: `EPR ${event.subgraph} subgraph` },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    entity: [
      ...(event.patientId
        ? [
            {
              what: { reference: `Patient/${event.patientId}` },
              type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
              role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
            },
          ]
        : []),
      ...event.items.map((item) => ({
        what: { reference: item.replace(':', '/') },
        type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
      })),
      ...(event.category
        ? [{ name: event.category, type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2' } }]
        : []),
      {
        what: { identifier: { value: event.requestId } },
        type: { system: 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType', code: 'XrequestId' },
      },
    ],
  };
}

/** A page of events as a FHIR Bundle of type `collection`, ready to hand to another system. */
export function toFhirBundle(events: readonly AccessEventRecord[], timestamp: Date): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: timestamp.toISOString(),
    entry: events.map((event) => ({ fullUrl: `urn:epr:audit-event:${event.seq}`, resource: toFhirAuditEvent(event) })),
  };
}
