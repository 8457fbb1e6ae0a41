import type { ChainedEvent } from './canonical-event.js';

/**
 * An access event as a subgraph appends it (the argument of audit.append_access_events), for the tests and
 * the benchmark that append without going through a subgraph: Dr Hart reading Olivia Bennett's record.
 */
export function sampleEvent(requestId: string, overrides: Record<string, unknown> = {}) {
  return {
    subgraph: 'patient',
    action: 'patient.read',
    outcome: 'ALLOWED' as 'ALLOWED' | 'DENIED',
    user_id: 'dr.amelia.hart',
    role_profile_id: 'rp-hart-rx1',
    job_role_code: 'R8000',
    organisation: 'RX1',
    card_serial: null as string | null,
    session_id: null as string | null,
    patient_id: '5e1f0c3a-0000-4000-8000-000000000001' as string | null,
    category: null as string | null,
    items: [] as string[],
    basis_kind: 'RELATIONSHIP' as string | null,
    basis_detail: 'REFERRAL' as string | null,
    request_id: requestId,
    correlation_id: null as string | null,
    visible_to: null as string[] | null,
    ...overrides,
  };
}

/** The same access as a chained row of the log, as the verifier reads it (hashes empty until chained). */
export function sampleChainedEvent(overrides: Partial<ChainedEvent> = {}): ChainedEvent {
  return {
    seq: 1n,
    occurredAt: new Date(Date.UTC(2026, 10, 24, 9, 0, 0)),
    subgraph: 'patient',
    action: 'patient.read',
    outcome: 'ALLOWED',
    userId: 'dr.amelia.hart',
    roleProfileId: 'rp-hart-rx1',
    jobRoleCode: 'R8000',
    organisation: 'RX1',
    cardSerial: null,
    sessionId: null,
    patientId: '5e1f0c3a-0000-4000-8000-000000000001',
    category: null,
    items: [],
    basisKind: 'RELATIONSHIP',
    basisDetail: 'REFERRAL',
    requestId: 'request-1',
    correlationId: null,
    visibleTo: null,
    chainVersion: 3,
    prevHash: Buffer.alloc(32),
    hash: Buffer.alloc(0),
    ...overrides,
  };
}
