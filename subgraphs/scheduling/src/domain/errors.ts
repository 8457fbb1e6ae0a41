import { GraphQLError } from 'graphql';
import { ErrorCode } from '@epr/platform';

/** The slot has no free place (or stopped being bookable) by the time the booking reached the database. */
export function slotUnavailable(message: string, field = 'input.slotId'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.SlotUnavailable, field } });
}
