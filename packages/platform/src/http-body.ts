import type { IncomingMessage } from 'node:http';

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
