import type { GraphQLFormattedError } from 'graphql';
import { maskInternalErrors, ErrorCode } from '@epr/platform';
import type { Logger } from 'pino';

/**
 * Subgraph errors arrive already masked and pass through. A subgraph the gateway could not reach becomes a
 * SERVICE_UNAVAILABLE naming the part of the record affected (never the address or the socket error); any
 * other gateway failure is masked as an internal error.
 */
export function formatGatewayError(logger: Logger) {
  const mask = maskInternalErrors((error) => logger.error({ err: error }, 'internal error'));
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const serviceName = formatted.extensions?.serviceName;
    const masked = mask(formatted, error);
    // A subgraph's own answer is already safe (its codes pass, its internal errors were masked at source);
    // anything else carrying a serviceName is the gateway failing to reach that subgraph.
    const subgraphAnswered = masked === formatted || formatted.message === 'Internal server error';
    if (typeof serviceName === 'string' && !subgraphAnswered) {
      logger.warn({ serviceName, message: formatted.message }, 'subgraph unavailable');
      return {
        message: `The ${serviceName} service is unavailable; that part of the record could not be loaded. Try again shortly.`,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.ServiceUnavailable, serviceName },
      };
    }
    return masked;
  };
}
