import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, sendJson } from './apollo-http.js';

/** The largest GraphQL request body accepted; a real operation is a few kilobytes. */
const maxBodyBytes = 1024 * 1024;

export class RequestBodyError extends Error {}

/** The body's bytes exactly as sent (a subgraph checks them against its credential before reading them). */
export async function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new RequestBodyError('Request body is larger than 1 MiB.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new RequestBodyError('Request body is not valid JSON.');
  }
}

/** The parsed body; or, for a body too large or not JSON, a 400 saying why has been sent and this resolves undefined. */
export async function readJsonBodyOrAnswer400(req: IncomingMessage, res: ServerResponse): Promise<{ body: unknown } | undefined> {
  return answer400Unless(res, async () => ({ body: parseJsonBody(await readBodyBytes(req)) }));
}

/** Runs a step of reading the body; a RequestBodyError becomes a 400 saying why, and this resolves undefined. */
export async function answer400Unless<T>(res: ServerResponse, step: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    sendJson(res, 400, errorBody(error.message, 'BAD_REQUEST'));
    return undefined;
  }
}
