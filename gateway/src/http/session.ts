import type http from 'node:http';
import type { CredentialSigner, SessionVerifier } from '@epr/identity';
import { annotateActiveSpan, sendJson, ErrorCode, traced, type Logger } from '@epr/platform';
import type { GatewayContext } from '../context.js';
import type { RoleProfileDirectory } from '../role-profile-directory.js';
import { DirectoryUnavailableError } from '../role-profile-directory.js';
import { authenticate, AuthenticationError, IdentityProviderUnavailableError } from '../authenticate.js';
import { RequestHeaderError, requestIdsFor, type RequestIds } from './request-ids.js';

/** Why a request was turned away at the door, for a route to answer in its own format (GraphQL errors, FHIR OperationOutcome). */
export interface Refusal {
  status: 400 | 401 | 429 | 503;
  code: string;
  message: string;
  /** For 401: which check failed (expired, bad signature, …). */
  reason?: string;
  /** For 400: the header to correct. */
  field?: string;
  headers?: Record<string, string>;
}

export type RefusalWriter = (res: http.ServerResponse, refusal: Refusal) => void;

/** The GraphQL route's answer: a GraphQL-shaped error body. */
export const graphqlRefusal: RefusalWriter = (res, { status, code, message, reason, field, headers }) =>
  sendJson(
    res,
    status,
    { errors: [{ message, extensions: { code, ...(reason ? { reason } : {}), ...(field ? { field } : {}) } }] },
    headers,
  );

export interface SessionDoor {
  /**
   * The request's session: its caller, request id and the credential for subgraph calls. When the request
   * cannot be authenticated the refusal (401, or 503 when sign-in cannot be checked) has been sent and this
   * resolves undefined. Every gateway route that touches patient data opens its session here.
   */
  open: (req: http.IncomingMessage, res: http.ServerResponse, refuse?: RefusalWriter) => Promise<GatewayContext | undefined>;
}

export function sessionDoor(deps: {
  verifier: SessionVerifier;
  directory: RoleProfileDirectory;
  signer: CredentialSigner;
  logger: Logger;
}): SessionDoor {
  const { verifier, directory, signer, logger } = deps;
  return {
    async open(req, res, refuse = graphqlRefusal) {
      let ids: RequestIds;
      try {
        ids = requestIdsFor(req);
      } catch (error) {
        if (!(error instanceof RequestHeaderError)) throw error;
        refuse(res, { status: 400, code: 'BAD_REQUEST', message: error.message, field: error.header });
        return undefined;
      }
      const { requestId } = ids;
      res.setHeader('x-request-id', requestId);
      // The request id joins a trace to the logs and the security log.
      annotateActiveSpan({ 'epr.request_id': requestId });
      if (ids.correlationId !== undefined) res.setHeader('x-correlation-id', ids.correlationId);
      const requestLogger = logger.child(ids);
      try {
        const caller = await traced('session.authenticate', undefined, () =>
          authenticate(req.headers.authorization, ids, verifier, directory),
        );
        return { caller, requestId, logger: requestLogger, credentialFor: (binding) => signer.sign(caller, binding), operation: {} };
      } catch (error) {
        if (error instanceof AuthenticationError) {
          requestLogger.info({ reason: error.reason }, 'request refused: not authenticated');
          refuse(res, {
            status: 401,
            code: ErrorCode.Unauthenticated,
            message: error.message,
            reason: error.reason,
            headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${error.reason}"` },
          });
          return undefined;
        }
        if (error instanceof DirectoryUnavailableError || error instanceof IdentityProviderUnavailableError) {
          requestLogger.error({ err: error }, 'directory unavailable');
          refuse(res, {
            status: 503,
            code: ErrorCode.ServiceUnavailable,
            message: 'Sign-in cannot be checked at the moment. Try again shortly.',
          });
          return undefined;
        }
        throw error;
      }
    },
  };
}
