import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.js';
import { errorBody, sendJson } from './apollo-http.js';

export interface HttpService {
  /** The port actually bound (the one asked for, or the one the OS chose for port 0). */
  port: number;
  /** Stops accepting, ends open keep-alive connections and resolves once the server is closed. */
  close: () => Promise<void>;
}

/**
 * The HTTP shell shared by the gateway and every subgraph: a request handler whose failures become a masked 500
 * (logged, never shown), keep-alive longer than the gateway's subgraph pool so the client side closes idle
 * connections first, and a clean stop.
 */
export async function serveHttp(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
  options: { host: string; port: number; logger: Logger },
): Promise<HttpService> {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
