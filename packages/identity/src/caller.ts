/**
 * `user`: a clinician acting through the gateway in the role profile they selected at sign-in.
 * `system`: the gateway acting as itself for its own look-ups (userId 'epr-gateway').
 * `service`: one subgraph calling another for itself (e.g. scheduling delivering appointment outcomes to
 * care-pathway); userId is the calling service's name, and the credential is signed with that service's key.
 * Subgraphs authorise `system` and `service` callers on `kind` and `userId`, never on the role fields.
 */
export type CallerKind = 'user' | 'system' | 'service';

/** The identity a subgraph acts for, as vouched for by the gateway. */
export interface Caller {
  readonly kind: CallerKind;
  readonly userId: string;
  readonly roleProfileId: string;
  /** National job role code of the selected role profile, e.g. 'R8000' (Clinical Practitioner). */
  readonly jobRoleCode: string;
  /** ODS code of the organisation the role profile belongs to. */
  readonly organisationOds: string;
  readonly cardSerial?: string;
  readonly sessionId?: string;
  /** Care teams the selected role profile belongs to (authoring-team seals, team relationships). */
  readonly teamIds?: readonly string[];
  /** For a patient signed in to the portal: their own record, the only one they may see. */
  readonly patientId?: string;
  /** The gateway's own id for one request: correlates every subgraph call, log line and audit entry made for it. */
  readonly requestId: string;
  /** The id the client sent for the request (`x-request-id`), kept beside the gateway's, never instead of it. */
  readonly correlationId?: string;
  /**
   * The client's `Idempotency-Key` for a request that writes: a retry with the same key (same user, same mutation,
   * same input) gets the first attempt's result instead of writing again.
   */
  readonly idempotencyKey?: string;
}

/** The gateway acting as itself (a `system` caller) for one request: its directory look-ups. */
export function gatewaySystemCaller(requestId: string): Caller {
  return { kind: 'system', userId: 'epr-gateway', roleProfileId: 'epr-gateway', jobRoleCode: 'SYSTEM', organisationOds: 'EPR', requestId };
}
