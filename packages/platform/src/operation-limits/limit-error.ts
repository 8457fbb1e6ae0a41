import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import type { OperationLimits } from './limits.js';

export const operationLimitCode = 'OPERATION_LIMIT_EXCEEDED';

/** Which limit an operation went over, as `extensions.limit` names it. */
export type LimitName = 'depth' | 'aliases' | 'rootFields' | 'directives' | 'tokens' | 'cost';

export const limitSetting: Record<LimitName, keyof OperationLimits> = {
  depth: 'maxDepth',
  aliases: 'maxAliases',
  rootFields: 'maxRootFields',
  directives: 'maxDirectives',
  tokens: 'maxTokens',
  cost: 'maxCost',
};

const advice = 'Ask for less in one operation: split it into several, or page through lists with `first`.';

/**
 * An operation over one of the limits: HTTP 400 with `extensions.code = OPERATION_LIMIT_EXCEEDED`, the limit's
 * name, the maximum and what the operation had, so a client can tell which part of its query to change.
 */
export function operationLimitExceeded(limit: LimitName, max: number, found: number, what: string): GraphQLError {
  return new GraphQLError(`This operation has ${found} ${what}; at most ${max} are allowed. ${advice}`, {
    extensions: { code: operationLimitCode, limit, max, found, http: { status: 400, headers: new HeaderMap() } },
  });
}

// graphql-js aborts parsing past `maxTokens` with a syntax error of its own wording (sic: "more that").
const tooManyTokens = /^Syntax Error: Document contains more th[ae]t (\d+) tokens\. Parsing aborted\.$/;

/**
 * Apollo re-codes every validation error GRAPHQL_VALIDATION_FAILED and every parse error GRAPHQL_PARSE_FAILED.
 * An operation refused by one of our limits keeps its own code here: the rule's error is the original of the
 * validation error, and the token limit is recognised by graphql-js's message.
 */
export function withLimitCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (original instanceof GraphQLError && original.extensions.code === operationLimitCode) {
    const { http: _http, ...extensions } = original.extensions;
    return { message: original.message, extensions };
  }
  const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? tooManyTokens.exec(formatted.message) : null;
  if (tokens) {
    return {
      message: `This operation's document is longer than ${tokens[1]} tokens. ${advice}`,
      extensions: { code: operationLimitCode, limit: 'tokens', max: Number(tokens[1]) },
    };
  }
  return formatted;
}
