import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from './context.js';
import { ErrorCode } from './errors.js';
import { benchmarkSwitch } from './benchmark-switches.js';

/**
 * Fail closed: the request's access records are written before the response leaves the subgraph; if they
 * cannot be written, the response carries no patient data, only an error saying why.
 */
export function auditBeforeResponsePlugin(): ApolloServerPlugin<SubgraphContext> {
  if (benchmarkSwitch('EPR_BENCHMARK_DISABLE_AUDIT')) return {};
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, logger }) {
          try {
            await contextValue.audit.flush();
          } catch (error) {
            logger.error(`audit store unavailable: ${String(error)}`);
            // The whole body is replaced, whatever its kind, so no part of the result can slip out.
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  {
                    message: 'The security log could not be written, so no patient data was returned. Try again shortly.',
                    extensions: { code: ErrorCode.ServiceUnavailable },
                  },
                ],
              },
            };
          }
        },
      };
    },
  };
}
