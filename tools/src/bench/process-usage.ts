import { readFileSync, readdirSync } from 'node:fs';

/** CPU time and resident memory of a process and everything it started (Linux /proc). */
export interface TreeUsage {
  cpuSeconds: number;
  rssMiB: number;
}

// USER_HZ: /proc reports CPU time in clock ticks, 100 per second on every Linux this runs on.
const ticksPerSecond = 100;

export function treeUsage(pid: number): TreeUsage {
  let cpuSeconds = 0;
  let rssMiB = 0;
  for (const one of [pid, ...descendants(pid)]) {
    const stat = read(`/proc/${one}/stat`);
    if (!stat) continue;
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime + stime, plus cutime + cstime: the CPU of children that have already exited (restarted workers,
    // PostgreSQL backends), which are no longer in the tree to be counted themselves.
    cpuSeconds += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
    const rss = /^VmRSS:\s+(\d+) kB$/m.exec(read(`/proc/${one}/status`) ?? '');
    if (rss) rssMiB += Number(rss[1]) / 1024;
  }
  return { cpuSeconds, rssMiB };
}

/** CPU time of this one process (the benchmark harness and its load generator), without its children. */
export function ownCpuSeconds(): number {
  const stat = read(`/proc/${process.pid}/stat`) ?? '';
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/**
 * The postmaster of an embedded PostgreSQL this process started (its backends are its children), or undefined
 * when the database runs elsewhere (DATABASE_URL).
 */
export function embeddedPostgresPid(): number | undefined {
  const commandOf = (pid: number) => read(`/proc/${pid}/comm`)?.trim();
  const parentOf = (pid: number) => {
    const stat = read(`/proc/${pid}/stat`) ?? '';
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  };
  return descendants(process.pid).find((pid) => commandOf(pid) === 'postgres' && commandOf(parentOf(pid)) !== 'postgres');
}

/** Busy CPU seconds of the whole machine, everyone's processes included. */
export function machineBusySeconds(): number {
  const line = (read('/proc/stat') ?? '').split('\n')[0] ?? '';
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + steal) / ticksPerSecond;
}

function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      for (const child of (read(`/proc/${parent}/task/${task}/children`) ?? '').split(' ').filter(Boolean).map(Number)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
