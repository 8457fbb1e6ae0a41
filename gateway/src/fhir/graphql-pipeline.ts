import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { fromGraphQLCode } from './fhir-error.js';

export interface OperationResult<T> {
  data: T | null;
  errors: readonly GraphQLFormattedError[];
}

/** Runs one GraphQL operation for the signed-in caller. */
export type Pipeline = <T>(query: string, variables?: Record<string, unknown>) => Promise<OperationResult<T>>;

/**
 * The façade's only way to data: operations run by the gateway's own Apollo server over the supergraph, with
 * the GatewayContext the session door built for this request. Planning, the subgraphs' field rules and policy
 * engine, the security log and error masking are exactly those of /graphql; nothing here reads a database.
 */
export function pipelineFor(apollo: ApolloServer<GatewayContext>, context: GatewayContext): Pipeline {
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await apollo.executeOperation<T & Record<string, unknown>>({ query, variables }, { contextValue: context });
    if (response.body.kind !== 'single') throw new Error('The FHIR façade sends no operation that streams its answer.');
    const { data, errors } = response.body.singleResult;
    return { data: (data ?? null) as T | null, errors: errors ?? [] };
  };
}

/** The errors whose path is exactly `path` (field names and list indices joined by dots). */
export function errorsAt(result: OperationResult<unknown>, path: string): GraphQLFormattedError[] {
  return result.errors.filter((error) => (error.path ?? []).join('.') === path);
}

/**
 * Throws the FHIR answer for a request that failed as a whole: an error on the root field or none with a path
 * (the operation itself was refused). A part of the record that could not be reached fails the request too
 * (503), so a FHIR body is never silently incomplete.
 */
export function throwIfFailed(result: OperationResult<unknown>, root: string): void {
  const failure =
    result.errors.find((error) => !error.path || (error.path.length === 1 && error.path[0] === root)) ??
    result.errors.find(
      (error) => error.extensions?.['code'] === 'SERVICE_UNAVAILABLE' || error.extensions?.['code'] === 'INTERNAL_SERVER_ERROR',
    );
  if (failure) throw fromGraphQLCode(failure.extensions?.['code'], failure.message);
}
