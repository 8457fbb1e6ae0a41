import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, sendJson } from './apollo-http.js';

/** The largest GraphQL request body accepted; a real operation is a few kilobytes. */
const maxBodyBytes = 1024 * 1024;

export class RequestBodyError extends Error {}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new RequestBodyError('Request body is larger than 1 MiB.');
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new RequestBodyError('Request body is not valid JSON.');
  }
}

/** The parsed body; or, for a body too large or not JSON, a 400 saying why has been sent and this resolves undefined. */
export async function readJsonBodyOrAnswer400(req: IncomingMessage, res: ServerResponse): Promise<{ body: unknown } | undefined> {
  try {
    return { body: await readJsonBody(req) };
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    sendJson(res, 400, errorBody(error.message, 'BAD_REQUEST'));
    return undefined;
  }
}
