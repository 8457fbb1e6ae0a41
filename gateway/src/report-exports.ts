import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Agent, request } from 'undici';
import { errorBody, ErrorCode, sendJson } from '@epr/platform';
import type { GatewayContext } from './context.js';

// What of the subgraph's answer reaches the client: the file's type and name and how it may be handled.
const passedHeaders = [
  'content-type',
  'content-disposition',
  'content-length',
  'cache-control',
  'x-content-type-options',
  'content-security-policy',
] as const;

/**
 * The gateway's calls to the care-pathway subgraph's export endpoints (`/exports/rtt/<file>`), in one place:
 * each carries the caller's gateway-signed credential and the request id, exactly as GraphQL subgraph calls do
 * (signed-data-source.ts), and the subgraph's answer is piped to the client as it arrives, so a file of any
 * size passes through in constant memory. A client that goes away aborts the subgraph call, which stops its
 * database cursor.
 */
export class ReportExports {
  // A slow reader holds its subgraph connection while it reads, so exports get their own few connections.
  private readonly agent = new Agent({ connections: 8, headersTimeout: 60_000, bodyTimeout: 120_000 });

  constructor(private readonly carePathwayUrl: () => string) {}

  async pipe(file: string, search: string, context: GatewayContext, res: http.ServerResponse): Promise<void> {
    const aborted = new AbortController();
    res.once('close', () => aborted.abort());
    let upstream: Awaited<ReturnType<typeof request>>;
    try {
      upstream = await request(new URL(`/exports/rtt/${file}${search}`, this.carePathwayUrl()), {
        method: 'GET',
        // Bound to the care-pathway subgraph and to the empty body of a GET, like every subgraph call.
        headers: {
          authorization: `Bearer ${context.credentialFor({ audience: 'care-pathway', body: '' })}`,
          'x-request-id': context.requestId,
        },
        dispatcher: this.agent,
        signal: aborted.signal,
      });
    } catch (error) {
      if (aborted.signal.aborted) return;
      context.logger.error({ err: error }, 'care-pathway exports unreachable');
      return sendJson(res, 503, errorBody('Reports cannot be produced at the moment. Try again shortly.', ErrorCode.ServiceUnavailable));
    }
    const headers: Record<string, string> = {};
    for (const name of passedHeaders) {
      const value = upstream.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    res.writeHead(upstream.statusCode, headers);
    try {
      await pipeline(upstream.body, res);
    } catch (error) {
      // The subgraph ended the file abruptly (pipeline has cut the client's connection too, so the download
      // shows as failed), or the client went away: nothing more to send either way.
      if (!aborted.signal.aborted) context.logger.warn({ err: error }, 'report export interrupted');
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
