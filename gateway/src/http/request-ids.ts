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
}

// What a tracing id looks like (UUIDs, W3C trace ids, ULIDs, …); the audit column holds 64 characters.
const correlationIdPattern = /^[A-Za-z0-9._:-]{1,64}$/;

export class CorrelationIdError extends Error {
  constructor() {
    super('x-request-id must be 1 to 64 letters, digits, dots, underscores, colons or hyphens. Send a valid id, or none.');
  }
}

/** A fresh request id, with the client's id as the correlation id; throws CorrelationIdError for a malformed one. */
export function requestIdsFor(req: http.IncomingMessage): RequestIds {
  const requestId = randomUUID();
  const incoming = req.headers['x-request-id'];
  if (incoming === undefined) return { requestId };
  if (typeof incoming !== 'string' || !correlationIdPattern.test(incoming)) throw new CorrelationIdError();
  return { requestId, correlationId: incoming };
}
