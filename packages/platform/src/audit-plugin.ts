import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from './context.js';
import { ErrorCode } from './errors.js';

/**
 * Fail closed: the request's access records are written before the response leaves the subgraph; if they
 * cannot be written, the response carries no patient data, only an error saying why.
 */
export function auditBeforeResponsePlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, logger }) {
          try {
            await contextValue.audit.flush();
          } catch (error) {
            logger.error(`audit store unavailable: ${String(error)}`);
            if (response.body.kind !== 'single') return;
            response.body.singleResult = {
              errors: [
                {
                  message: 'The security log could not be written, so no patient data was returned. Try again shortly.',
                  extensions: { code: ErrorCode.ServiceUnavailable },
                },
              ],
            };
          }
        },
      };
    },
  };
}
