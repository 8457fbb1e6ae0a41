import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stand-in behaves: pass calls on to the real subgraph, or take them and never answer. */
export type StandInMode = 'forward' | 'hang';

export interface SubgraphStandIn {
  url: string;
  mode: StandInMode;
  /** Requests that reached the stand-in (GraphQL and health checks alike). */
  received: number;
  close: () => Promise<void>;
}

/**
 * A stand-in in front of a real subgraph, to see what the gateway does when that subgraph hangs and when it
 * comes back: in `forward` mode it relays every request, in `hang` mode it holds it open without answering.
 */
export async function startSubgraphStandIn(realUrl: string): Promise<SubgraphStandIn> {
  const held = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    standIn.received += 1;
    if (standIn.mode === 'hang') {
      held.add(res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      fetch(new URL(req.url ?? '/', realUrl), {
        method: req.method ?? 'GET',
        headers,
        ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
      }).then(
        async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        },
        () => res.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const standIn: SubgraphStandIn = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    mode: 'forward',
    received: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return standIn;
}
