import http from 'node:http';

/**
 * `node recorded-subgraphs.js` (started by `npm run bench` for its "gateway alone" phase): stand-ins for the
 * subgraphs, so that a gateway's own throughput can be measured with almost nothing behind it. Each listens on its
 * port (`RECORDED_SUBGRAPHS`: `{"patient": {"port": <its own>, "url": <the real subgraph's>}, …}`). A request
 * seen before (same method, path and body) is answered with what the real subgraph answered the first time; anything
 * else goes on to the real subgraph, credential and all, and a clean GraphQL answer (200, no errors) is remembered.
 * The gateway in front still does all of its own work — sign-in, the directory check, planning, a signed credential
 * per call, merging the answers — and the answers are real ones, recorded from the real subgraphs of the same run.
 */
interface StandIn {
  port: number;
  url: string;
}

const standIns = JSON.parse(process.env['RECORDED_SUBGRAPHS'] ?? '{}') as Record<string, StandIn>;
if (Object.keys(standIns).length === 0) throw new Error('RECORDED_SUBGRAPHS names no subgraph.');

for (const [name, { port, url }] of Object.entries(standIns)) {
  const recorded = new Map<string, { status: number; body: Buffer }>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const key = `${req.method} ${req.url} ${body.toString('utf8')}`;
      const known = recorded.get(key);
      if (known) {
        res.writeHead(known.status, { 'content-type': 'application/json' });
        res.end(known.body);
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([header, v]) => typeof v === 'string' && header !== 'host'));
      fetch(new URL(req.url ?? '/', url), {
        method: req.method ?? 'GET',
        headers: headers as Record<string, string>,
        ...(req.method === 'POST' ? { body } : {}),
      }).then(
        async (answer) => {
          const answered = Buffer.from(await answer.arrayBuffer());
          if (req.method === 'POST' && answer.status === 200 && !answered.includes('"errors"'))
            recorded.set(key, { status: 200, body: answered });
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(answered);
        },
        (error: unknown) => {
          console.error(`${name}: ${(error as Error).message}`);
          res.destroy();
        },
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, '127.0.0.1', () => console.log(`${name} stand-in on ${port}, recording ${url}`));
}
