import type { GraphQLFormattedError } from 'graphql';
import { withLimitCode } from './operation-limits/limit-error.js';

// graphql-js ends some messages with "Did you mean …?" (fields, arguments, types, enum values): a way to read
// the schema piece by piece with introspection off.
const suggestion = /\s*Did you mean [^?]*\?/g;

/**
 * What every error goes through before a client sees it: a refusal by one of our operation limits keeps its
 * own code (Apollo re-codes validation and parse errors), and GraphQL's suggestions are removed.
 */
export function asClientSeesIt(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const coded = withLimitCode(formatted, error);
  return suggestion.test(coded.message) ? { ...coded, message: coded.message.replace(suggestion, '') } : coded;
}
