import { describe, expect, test } from '@jest/globals';
import { toFhirAuditEvent, toFhirBundle } from './fhir-audit-event.js';
import type { AccessEventRecord } from '../data/access-event-store.js';

const event: AccessEventRecord = {
  seq: 42n,
  occurredAt: new Date('2026-11-24T09:30:00.123Z'),
  subgraph: 'patient',
  action: 'problem.read',
  outcome: 'ALLOWED',
  userId: 'dr.amelia.hart',
  roleProfileId: 'rp-hart-rx1',
  jobRoleCode: 'R8000',
  organisation: 'RX1',
  cardSerial: '1234567890',
  patientId: '5e1f0c3a-0000-4000-8000-000000000001',
  category: null,
  items: ['Problem:7f3c'],
  basisKind: 'EMERGENCY',
  basisDetail: 'Unconscious in ED',
  requestId: 'req-1',
  correlationId: null,
};

describe('FHIR AuditEvent export', () => {
  test('maps who, what, when, why and the outcome onto AuditEvent', () => {
    const resource = toFhirAuditEvent(event);
    expect(resource).toMatchObject({
      resourceType: 'AuditEvent',
      id: '42',
      action: 'R',
      recorded: '2026-11-24T09:30:00.123Z',
      outcome: '0',
      purposeOfEvent: [{ coding: [{ code: 'ETREAT' }], text: 'Unconscious in ED' }],
      agent: [
        {
          who: { identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: 'dr.amelia.hart' } },
          role: [{ coding: [{ code: 'R8000' }] }],
          altId: '1234567890',
          requestor: true,
          location: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RX1' } },
        },
      ],
      source: { site: 'patient' },
    });
    expect(resource['entity']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ what: { reference: 'Patient/5e1f0c3a-0000-4000-8000-000000000001' } }),
        expect.objectContaining({ what: { reference: 'Problem/7f3c' } }),
        expect.objectContaining({ what: { identifier: { value: 'req-1' } }, type: expect.objectContaining({ code: 'XrequestId' }) }),
      ]),
    );
  });

  test('a refusal is a minor failure with its reason', () => {
    const denied = toFhirAuditEvent({ ...event, outcome: 'DENIED', basisKind: 'DECISION', basisDetail: 'no legitimate relationship' });
    expect(denied).toMatchObject({ outcome: '4', outcomeDesc: 'no legitimate relationship' });
    expect(denied['purposeOfEvent']).toBeUndefined();
  });

  test('a page exports as a collection Bundle', () => {
    const bundle = toFhirBundle([event], new Date('2026-11-25T00:00:00Z'));
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-11-25T00:00:00.000Z' });
    expect(bundle['entry']).toEqual([{ fullUrl: 'urn:epr:audit-event:42', resource: toFhirAuditEvent(event) }]);
  });
});
