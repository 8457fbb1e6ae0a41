import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { ErrorCode, sendJson } from '@epr/platform';
import type { Refusal } from './request-budgets.js';
import type { RefusalWriter } from '../http/session.js';

function message(refusal: Refusal): string {
  return `Too many requests: you have used your share of the service for now. Try again in ${refusal.retryAfterSeconds} s.`;
}

const extensions = (refusal: Refusal) => ({ code: ErrorCode.RateLimited, retryAfter: refusal.retryAfterSeconds });

/** HTTP 429 with Retry-After, before the request is parsed: in the route's own format when it has one (FHIR). */
export function answerRateLimited(res: ServerResponse, refusal: Refusal, refuse?: RefusalWriter): void {
  const retryAfter = { 'retry-after': String(refusal.retryAfterSeconds) };
  if (refuse) return refuse(res, { status: 429, code: ErrorCode.RateLimited, message: message(refusal), headers: retryAfter });
  sendJson(res, 429, { errors: [{ message: message(refusal), extensions: extensions(refusal) }] }, retryAfter);
}

/** The same refusal from inside Apollo, once the operation's cost is known: HTTP 429 with Retry-After. */
export function rateLimitedError(refusal: Refusal): GraphQLError {
  return new GraphQLError(message(refusal), {
    extensions: {
      ...extensions(refusal),
      http: { status: 429, headers: new HeaderMap([['retry-after', String(refusal.retryAfterSeconds)]]) },
    },
  });
}
