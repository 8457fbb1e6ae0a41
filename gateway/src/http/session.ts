import type http from 'node:http';
import type { CredentialSigner, SessionVerifier } from '@epr/identity';
import { sendJson, errorBody, ErrorCode, type Logger } from '@epr/platform';
import type { GatewayContext } from '../context.js';
import type { RoleProfileDirectory } from '../role-profile-directory.js';
import { DirectoryUnavailableError } from '../role-profile-directory.js';
import { authenticate, AuthenticationError, IdentityProviderUnavailableError } from '../authenticate.js';
import { CorrelationIdError, requestIdsFor, type RequestIds } from './request-ids.js';

export interface SessionDoor {
  /**
   * The request's session: its caller, request id and the credential for subgraph calls. When the request
   * cannot be authenticated the refusal (401, or 503 when sign-in cannot be checked) has been sent and this
   * resolves undefined. Every gateway route that touches patient data opens its session here.
   */
  open: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<GatewayContext | undefined>;
}

export function sessionDoor(deps: {
  verifier: SessionVerifier;
  directory: RoleProfileDirectory;
  signer: CredentialSigner;
  logger: Logger;
}): SessionDoor {
  const { verifier, directory, signer, logger } = deps;
  return {
    async open(req, res) {
      let ids: RequestIds;
      try {
        ids = requestIdsFor(req);
      } catch (error) {
        if (!(error instanceof CorrelationIdError)) throw error;
        sendJson(res, 400, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST', field: 'x-request-id' } }] });
        return undefined;
      }
      const { requestId } = ids;
      res.setHeader('x-request-id', requestId);
      if (ids.correlationId !== undefined) res.setHeader('x-correlation-id', ids.correlationId);
      const requestLogger = logger.child(ids);
      try {
        const caller = await authenticate(req.headers.authorization, ids, verifier, directory);
        return { caller, requestId, logger: requestLogger, credentialFor: (binding) => signer.sign(caller, binding) };
      } catch (error) {
        if (error instanceof AuthenticationError) {
          requestLogger.info({ reason: error.reason }, 'request refused: not authenticated');
          sendJson(
            res,
            401,
            { errors: [{ message: error.message, extensions: { code: ErrorCode.Unauthenticated, reason: error.reason } }] },
            { 'www-authenticate': `Bearer error="invalid_token", error_description="${error.reason}"` },
          );
          return undefined;
        }
        if (error instanceof DirectoryUnavailableError || error instanceof IdentityProviderUnavailableError) {
          requestLogger.error({ err: error }, 'directory unavailable');
          sendJson(res, 503, errorBody('Sign-in cannot be checked at the moment. Try again shortly.', ErrorCode.ServiceUnavailable));
          return undefined;
        }
        throw error;
      }
    },
  };
}
