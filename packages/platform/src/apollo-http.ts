import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { GraphQLErrorExtensions } from 'graphql';

type ErrorHttp = NonNullable<GraphQLErrorExtensions['http']>;

/** Writes a complete answer; the gateway passes one that compresses. */
export type AnswerWriter = (res: ServerResponse, body: string) => void | Promise<void>;

/** Hands a parsed HTTP request to Apollo Server and writes its answer; shared by the gateway and subgraphs. */
export async function executeGraphQLOverHttp<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  context: () => Promise<TContext>,
  writeAnswer: AnswerWriter = (out, text) => void out.end(text),
): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const search = new URL(req.url ?? '/', 'http://localhost').search;
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'POST', headers, search, body },
    context,
  });
  res.statusCode = result.status ?? 200;
  for (const [name, value] of result.headers) res.setHeader(name, value);
  if (result.body.kind === 'complete') return writeAnswer(res, result.body.string);
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

export function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A GraphQL-shaped error body for answers given before GraphQL runs (401, 400, 404). */
export function errorBody(message: string, code: string): { errors: { message: string; extensions: { code: string } }[] } {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * `extensions.http` of an error as Apollo Server reads it: the HTTP status, and headers as Apollo's HeaderMap.
 * (graphql-yoga, which a dependency brings in, declares these headers in graphql's global types as a plain record;
 * Apollo iterates them as a map, so the map is what we give it.)
 */
export function errorHttp(status: number, headers: Record<string, string> = {}): ErrorHttp {
  return { status, headers: new HeaderMap(Object.entries(headers)) as unknown as Record<string, string> };
}
