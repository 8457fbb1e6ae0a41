import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';

const ukCore = (type: string) => `https://fhir.hl7.org.uk/StructureDefinition/UKCore-${type}`;

const byPatient = { name: 'patient', type: 'reference' as const, documentation: 'The patient (Patient/<id> or <id>).' };
const paging = [
  { name: '_count', type: 'number' as const, documentation: 'Page size, 1 to 100 (default 20).' },
  { name: '_cursor', type: 'string' as const, documentation: 'Opaque position: follow the `next` link.' },
];

function listResource(type: CapabilityStatementRestResource['type'], writable: boolean): CapabilityStatementRestResource {
  return {
    type,
    profile: ukCore(type),
    interaction: [{ code: 'read' }, { code: 'search-type' }, ...(writable ? [{ code: 'create' as const }] : [])],
    ...(writable ? { conditionalCreate: true } : {}),
    searchParam: [byPatient, ...paging],
  };
}

/** `GET /metadata`: what this server serves, readable without signing in (clients discover it before they do). */
export function capabilityStatement(base: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-06',
    kind: 'instance',
    software: { name: 'Federated patient record FHIR façade' },
    implementation: {
      description: 'FHIR R4 (UK Core) over the federated patient record, through its GraphQL gateway and policy.',
      url: base,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Every interaction runs as the signed-in session (Authorization: Bearer <session token>) through the gateway: ' +
          'the same access policy and security log as GraphQL. Out-of-scope patients are 404; sealed items the caller may ' +
          'not open, and sealed-and-locked items, are never in a body or a total. Unknown search parameters are 400.',
        security: { service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] }] },
        resource: [
          {
            type: 'Patient',
            profile: ukCore('Patient'),
            interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }],
            conditionalCreate: true,
            searchParam: [
              {
                name: 'identifier',
                type: 'token',
                documentation:
                  'https://fhir.nhs.uk/Id/nhs-number|<NHS number>, or https://fhir.<ods>.nhs.uk/Id/local-patient-identifier|<hospital number>.',
              },
              { name: 'family', type: 'string', documentation: 'Family name (typo-tolerant, previous names too).' },
              { name: 'given', type: 'string', documentation: 'Given name; with family or birthdate.' },
              { name: 'birthdate', type: 'date', documentation: 'YYYY-MM-DD.' },
              ...paging,
            ],
            operation: [{ name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' }],
          },
          listResource('Condition', true),
          listResource('AllergyIntolerance', true),
          listResource('MedicationStatement', true),
          listResource('ServiceRequest', false),
          listResource('Appointment', false),
          {
            type: 'AuditEvent',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [byPatient, { name: 'agent', type: 'token', documentation: 'The user (SDS user id).' }, ...paging],
          },
        ],
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}
