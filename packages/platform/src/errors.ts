import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { asClientSeesIt } from './client-errors.js';
import { operationLimitCode } from './operation-limits/limit-error.js';

/**
 * The error codes clients can act on. Anything else is an internal error and is masked.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Forbidden: 'FORBIDDEN',
  Unauthenticated: 'UNAUTHENTICATED',
  Conflict: 'CONFLICT',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  SlotUnavailable: 'SLOT_UNAVAILABLE',
  OperationLimitExceeded: operationLimitCode,
  OperationNotSupported: 'OPERATION_NOT_SUPPORTED',
  RateLimited: 'RATE_LIMITED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const publicCodes = new Set<string>([
  ...Object.values(ErrorCode),
  // Apollo's own request-level errors are about the client's document, so they are safe to show.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** An error raised on purpose, with a code a client can act on: safe to show as it is. */
export function isPublicError(error: unknown): error is GraphQLError {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return typeof code === 'string' && publicCodes.has(code);
}

/** Bad input: `field` names the input path the user must correct (e.g. `input.nhsNumber`). */
export function badUserInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, field } });
}

export function forbidden(message = 'You are not allowed to see this field.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}

export function conflict(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Conflict, ...(field ? { field } : {}) } });
}

/** A record the caller named does not exist, or is out of their scope (never FORBIDDEN, so existence does not leak). */
export function notFound(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NotFound, ...(field ? { field } : {}) } });
}

/** Cannot serve now; `cause` (e.g. the database error) is kept for the log, never shown. */
export function serviceUnavailable(message: string, cause?: unknown): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.ServiceUnavailable },
    ...(cause instanceof Error ? { originalError: cause } : {}),
  });
}

/**
 * Apollo `formatError`: errors we raised on purpose pass through; anything else (a database error, a bug) is
 * replaced by a generic message so no SQL, stack or internal name reaches a client. The original is logged.
 */
export function maskInternalErrors(onInternal: (error: unknown) => void) {
  return (asFormatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = asClientSeesIt(asFormatted, error);
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && publicCodes.has(code)) return formatted;
    onInternal(unwrapResolverError(error));
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
