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
