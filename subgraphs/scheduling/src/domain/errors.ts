import { GraphQLError } from 'graphql';
import { ErrorCode } from '@epr/platform';

/** The slot has no free place (or stopped being bookable) by the time the booking reached the database. */
export function slotUnavailable(message: string, field = 'input.slotId'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.SlotUnavailable, field } });
}

/** A record named in an input does not exist, or is not visible to the caller (the two are not told apart). */
export function notFound(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NotFound, field } });
}
