import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServiceProcess {
  name: string;
  /** Base URL, `http://127.0.0.1:<port>` */
  baseUrl: string;
  logFile: string;
  child: ChildProcess;
}

/** Starts one service (`node <entry> [args]`) with its log written to `<logDir>/<name>.log`. */
export function spawnService(
  name: string,
  entry: string,
  port: number,
  env: NodeJS.ProcessEnv,
  logDir: string,
  args: string[] = [],
): ServiceProcess {
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  // EPR_NODE_ARGS: extra node flags for the services, e.g. `--cpu-prof` (which NODE_OPTIONS may not carry).
  const nodeArgs = env['EPR_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, ['--enable-source-maps', ...nodeArgs, entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return { name, baseUrl: `http://127.0.0.1:${port}`, logFile, child };
}

/** Waits until the service answers 200 on /health/ready; fails fast, with its log, if it exits first. */
export async function waitUntilReady(service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) {
      throw new Error(`${service.name} exited with code ${service.child.exitCode}.\n${tail(service.logFile)}`);
    }
    const ok = await fetch(`${service.baseUrl}/health/ready`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${service.name} was not ready within ${timeoutMs / 1000} s.\n${tail(service.logFile)}`);
}

/** Stops a service with SIGTERM, then SIGKILL if it has not gone within five seconds. */
export async function stopService(service: ServiceProcess): Promise<void> {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
