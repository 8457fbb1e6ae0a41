import { GraphQLError } from 'graphql';

/** The `field` of the BAD_USER_INPUT error `fn` throws; fails if it throws anything else or nothing. */
export function badInputField(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions['code'] === 'BAD_USER_INPUT') return error.extensions['field'];
    throw error;
  }
  throw new Error('expected a BAD_USER_INPUT error, but nothing was thrown');
}
