import type http from 'node:http';
import { randomUUID } from 'node:crypto';

/**
 * A request's ids. `requestId` is always the gateway's own: it is what the security log stores and what
 * `x-request-id` returns, so no client can choose it or make two users' events share one. A client's own
 * `x-request-id` travels beside it as `correlationId` (stored and logged too), for the client's tracing.
 */
export interface RequestIds {
  readonly requestId: string;
  readonly correlationId?: string;
  /** The client's `Idempotency-Key`, for writes it may retry (README "Writes, retries and the security log"). */
  readonly idempotencyKey?: string;
}

// What a tracing id looks like (UUIDs, W3C trace ids, ULIDs, …); the audit column holds 64 characters.
const correlationIdPattern = /^[A-Za-z0-9._:-]{1,64}$/;

// A UUID or any opaque token a client generates per write; the platform's column holds 128 characters.
const idempotencyKeyPattern = /^[A-Za-z0-9._:-]{1,128}$/;

export class RequestHeaderError extends Error {
  constructor(
    message = 'x-request-id must be 1 to 64 letters, digits, dots, underscores, colons or hyphens. Send a valid id, or none.',
    readonly header = 'x-request-id',
  ) {
    super(message);
  }
}

/** A fresh request id, with the client's id as the correlation id; throws RequestHeaderError for a malformed id or key. */
export function requestIdsFor(req: http.IncomingMessage): RequestIds {
  const requestId = randomUUID();
  const incoming = req.headers['x-request-id'];
  const key = req.headers['idempotency-key'];
  if (incoming !== undefined && (typeof incoming !== 'string' || !correlationIdPattern.test(incoming))) throw new RequestHeaderError();
  if (key !== undefined && (typeof key !== 'string' || !idempotencyKeyPattern.test(key))) {
    throw new RequestHeaderError(
      'Idempotency-Key must be 1 to 128 letters, digits, dots, underscores, colons or hyphens (a UUID is ideal). Send a valid key, or none.',
      'idempotency-key',
    );
  }
  return { requestId, ...(incoming !== undefined && { correlationId: incoming }), ...(key !== undefined && { idempotencyKey: key }) };
}
