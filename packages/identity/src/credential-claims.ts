import type { JWTPayload } from 'jose';
import type { Caller, CallerKind } from './caller.js';
import { CredentialError } from './credential-error.js';

/**
 * Claims the verifier needs jose to find before mapping the rest. `sub` carries the userId; `jti` makes each
 * credential single-use and `body_sha256` binds it to one request body.
 */
export const REQUIRED_CREDENTIAL_CLAIMS = ['sub', 'exp', 'iat', 'jti', 'body_sha256'] as const;

const CALLER_KINDS: ReadonlySet<string> = new Set<CallerKind>(['user', 'system', 'service']);

/** The caller's claims in a credential; the signer adds iss, aud, sub, iat, exp and the request binding. */
export function credentialClaimsFor(caller: Caller): JWTPayload {
  return {
    kind: caller.kind,
    role_profile_id: caller.roleProfileId,
    job_role_code: caller.jobRoleCode,
    organisation_ods: caller.organisationOds,
    request_id: caller.requestId,
    ...(caller.correlationId !== undefined && { correlation_id: caller.correlationId }),
    ...(caller.cardSerial !== undefined && { card_serial: caller.cardSerial }),
    ...(caller.sessionId !== undefined && { sid: caller.sessionId }),
    ...(caller.teamIds !== undefined && { team_ids: [...caller.teamIds] }),
    ...(caller.patientId !== undefined && { patient_id: caller.patientId }),
  };
}

/**
 * Rebuilds the Caller from a verified credential. The signature proves the gateway wrote it, but a
 * gateway bug must still not become a half-formed identity, so every field's shape is checked.
 */
export function callerFromCredentialClaims(payload: JWTPayload): Caller {
  const kind = requiredString(payload, 'kind');
  if (!CALLER_KINDS.has(kind)) throw new CredentialError('malformed', { claim: 'kind' });
  const cardSerial = optionalString(payload, 'card_serial');
  const sessionId = optionalString(payload, 'sid');
  const patientId = optionalString(payload, 'patient_id');
  const teamIds = optionalStringList(payload, 'team_ids');
  const correlationId = optionalString(payload, 'correlation_id');
  return {
    kind: kind as CallerKind,
    userId: requiredString(payload, 'sub'),
    roleProfileId: requiredString(payload, 'role_profile_id'),
    jobRoleCode: requiredString(payload, 'job_role_code'),
    organisationOds: requiredString(payload, 'organisation_ods'),
    ...(cardSerial !== undefined && { cardSerial }),
    ...(sessionId !== undefined && { sessionId }),
    ...(teamIds !== undefined && { teamIds }),
    ...(patientId !== undefined && { patientId }),
    requestId: requiredString(payload, 'request_id'),
    ...(correlationId !== undefined && { correlationId }),
  };
}

function requiredString(payload: JWTPayload, claim: string): string {
  const value = payload[claim];
  if (value === undefined) throw new CredentialError('missing_claim', { claim });
  if (typeof value !== 'string' || value === '') throw new CredentialError('malformed', { claim });
  return value;
}

function optionalString(payload: JWTPayload, claim: string): string | undefined {
  return payload[claim] === undefined ? undefined : requiredString(payload, claim);
}

function optionalStringList(payload: JWTPayload, claim: string): string[] | undefined {
  const value = payload[claim];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '')) throw new CredentialError('malformed', { claim });
  return value as string[];
}
