import type { GraphQLFormattedError } from 'graphql';
import { maskInternalErrors } from '@epr/platform';
import type { Logger } from 'pino';

/**
 * Errors as clients see them. Subgraph errors arrive already masked and pass through, as do the gateway's own
 * refusals (limits, operation names) and the SERVICE_UNAVAILABLE a subgraph call that failed is turned into
 * (see unavailable-subgraph.ts); anything else is masked as an internal error and logged. The gateway tags
 * each subgraph error with the subgraph's `serviceName`: that names our internals, so it stays in our logs.
 */
export function formatGatewayError(logger: Logger) {
  const mask = maskInternalErrors((error) => logger.error({ err: error }, 'internal error'));
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const masked = mask(formatted, error);
    if (masked.extensions?.serviceName === undefined) return masked;
    const { serviceName: _internal, ...extensions } = masked.extensions;
    return { ...masked, extensions };
  };
}
