import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type PostmasterState =
  | { kind: 'absent' }
  /** Left behind by a server that was killed rather than shut down. */
  | { kind: 'stale'; pidFile: string }
  /** A live server owns the data directory (for example one orphaned by a killed `npm run db`). */
  | { kind: 'running'; pid: number; port: number };

/**
 * Reads `postmaster.pid` in a data directory. PostgreSQL refuses to start while the PID recorded there belongs to
 * any live process; in containers PIDs are reused quickly, so after a kill that PID often belongs to an unrelated
 * process and the server would never start again. Telling the cases apart here lets the caller remove a stale
 * file, or reuse a server that is still running, instead of failing.
 */
export async function readPostmaster(dataDir: string): Promise<PostmasterState> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw error;
  }
  // Line 1 is the postmaster's PID, line 4 its port (see PostgreSQL's miscadmin.h, LOCK_FILE_LINE_*).
  const [pidLine = '', , , portLine = ''] = text.split('\n');
  const pid = Number(pidLine.trim());
  const port = Number(portLine.trim());
  const valid = Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && port > 0;
  if (valid && isAlive(pid) && (await isPostmasterOf(pid, dataDir))) return { kind: 'running', pid, port };
  return { kind: 'stale', pidFile };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (e.g. the `postgres` user when we run as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
  // Without /proc (macOS) we cannot see the command line; trust a live PID, as PostgreSQL itself does.
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return path.basename(args[0] ?? '') === 'postgres' && args.includes(dataDir);
  } catch {
    return false; // exited since we checked, or not ours to read: either way not our server
  }
}
