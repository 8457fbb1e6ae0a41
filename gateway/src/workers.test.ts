import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigningKeyPair, publicJwks } from '@epr/identity';

// The built gateway, as an operator runs it (`npm run test:unit` builds first).
const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function workersOf(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return children.split(' ').filter(Boolean).map(Number);
}

describe('a gateway running several processes on one port (GATEWAY_WORKERS)', () => {
  let dir: string;
  let gateway: ChildProcess;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'epr-gateway-workers-'));
    const issuer = await generateSigningKeyPair();
    const gatewayKey = await generateSigningKeyPair();
    await writeFile(join(dir, 'jwks.json'), JSON.stringify(publicJwks(issuer.publicJwk)));
    await writeFile(join(dir, 'gateway.json'), JSON.stringify(gatewayKey.privateJwk));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    gateway = spawn(process.execPath, [entry], {
      env: {
        ...process.env,
        GATEWAY_WORKERS: '2',
        GATEWAY_PORT: String(port),
        SESSION_ISSUER: 'https://issuer.example',
        SESSION_AUDIENCE: 'epr',
        SESSION_JWKS_FILE: join(dir, 'jwks.json'),
        GATEWAY_PRIVATE_JWK_FILE: join(dir, 'gateway.json'),
        // No subgraph listens here: readiness must say so.
        PATIENT_URL: 'http://127.0.0.1:9/graphql',
        CARE_PATHWAY_URL: 'http://127.0.0.1:9/graphql',
        SCHEDULING_URL: 'http://127.0.0.1:9/graphql',
        AUDIT_URL: 'http://127.0.0.1:9/graphql',
        LOG_LEVEL: 'error',
      },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (await workersOf(gateway.pid!)).length < 2) await new Promise((r) => setTimeout(r, 100));
    while (Date.now() < deadline) {
      const live = await fetch(`${base}/health/live`).then(
        (r) => r.ok,
        () => false,
      );
      if (live) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 40_000);

  afterAll(async () => {
    if (gateway.exitCode === null) gateway.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  test('starts that many workers, each a whole gateway answering liveness on the shared port', async () => {
    expect(await workersOf(gateway.pid!)).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 4 }, () => fetch(`${base}/health/live`)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
  });

  test('reports itself not ready while its subgraphs are unreachable', async () => {
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('unavailable');
  });

  test('stops every worker, and then itself, on SIGTERM', async () => {
    const workers = await workersOf(gateway.pid!);
    const exited = new Promise<number | null>((resolve) => gateway.once('exit', (code) => resolve(code)));
    gateway.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 15_000);
});
