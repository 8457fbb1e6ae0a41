import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import type { OperationLimits } from './limits.js';

export const operationLimitCode = 'OPERATION_TOO_COMPLEX';

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

// Each message names its limit first, so a person reading it knows which part of the query to change.
const wording: Record<LimitName, (max: number, found: number | undefined) => string> = {
  depth: (max, found) => `Depth limit exceeded: fields are nested ${found} levels deep; at most ${max} are allowed.`,
  aliases: (max, found) => `Alias limit exceeded: the operation has ${found} aliased fields; at most ${max} are allowed.`,
  rootFields: (max, found) => `Root field limit exceeded: the operation asks for ${found} fields at its root; at most ${max} are allowed.`,
  directives: (max, found) => `Directive limit exceeded: the operation uses ${found} directives; at most ${max} are allowed.`,
  tokens: (max) => `Token limit exceeded: the document is longer than ${max} tokens.`,
  cost: (max, found) => `Cost limit exceeded: the operation's estimated cost is ${found ?? `more than ${max}`}; at most ${max} is allowed.`,
};

/**
 * An operation over one of the limits: HTTP 400 with `extensions.code = OPERATION_TOO_COMPLEX`, the limit's
 * name, the maximum and (when it was counted to the end) what the operation had.
 */
export function operationLimitExceeded(limit: LimitName, max: number, found?: number): GraphQLError {
  return new GraphQLError(`${wording[limit](max, found)} ${advice}`, {
    extensions: {
      code: operationLimitCode,
      limit,
      max,
      ...(found !== undefined ? { found } : {}),
      http: { status: 400, headers: new HeaderMap() },
    },
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
    const refusal = operationLimitExceeded('tokens', Number(tokens[1]));
    const { http: _http, ...extensions } = refusal.extensions;
    return { message: refusal.message, extensions };
  }
  return formatted;
}
