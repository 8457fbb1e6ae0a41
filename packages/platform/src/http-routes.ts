import type http from 'node:http';
import type { Logger } from './logger.js';
import { sendJson } from './apollo-http.js';
import { ErrorCode, isPublicError } from './errors.js';

/**
 * An HTTP endpoint of a subgraph beside /graphql (e.g. a streamed export), for the gateway only: the server
 * checks the gateway-signed credential exactly as for /graphql and hands the handler the same per-request
 * context (caller, policy engine, audit trail, services) a resolver would get.
 */
export interface SubgraphRoute<TContext> {
  /** The path, e.g. `/exports/rtt/ptl.csv`; GET only. */
  path: string;
  handle: (req: http.IncomingMessage, res: http.ServerResponse, context: TContext) => Promise<void>;
}

const statusOfCode: Record<string, number> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.ServiceUnavailable]: 503,
};

/**
 * Answers an error raised before any data was sent, as the HTTP status its code stands for and the same JSON
 * body GraphQL clients read (`errors[0].extensions.code`, and `field` for bad input). Anything not raised on
 * purpose is logged and masked as a 500, as GraphQL masks it.
 */
export function answerError(res: http.ServerResponse, error: unknown, logger: Logger): void {
  if (isPublicError(error)) {
    const code = String(error.extensions.code);
    if (error.originalError) logger.error({ err: error.originalError }, error.message);
    sendJson(res, statusOfCode[code] ?? 400, { errors: [{ message: error.message, extensions: error.extensions }] });
    return;
  }
  logger.error({ err: error }, 'internal error');
  sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}
