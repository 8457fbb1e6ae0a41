import { createLogger } from '../logger.js';
import { profileCpuOnSignal } from './cpu-profiler.js';
import { startTracingFromEnvironment } from './tracing.js';

/**
 * A service process's life, the same for the gateway and every subgraph: tracing (when configured) starts before
 * the service is built, so its resolvers get spans; CPU profiles on a signal; SIGINT/SIGTERM close the service,
 * then flush the traces, then exit (1 if either fails).
 */
export async function runServiceProcess(name: string, start: () => Promise<{ close: () => Promise<void> }>): Promise<void> {
  const tracing = startTracingFromEnvironment(name);
  profileCpuOnSignal(name, createLogger(name));
  const running = await start();
  const stop = () => {
    running
      .close()
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * The gateway's default process count on a host it shares with the subgraphs and PostgreSQL: a quarter of the
 * cores, at least one (`GATEWAY_WORKERS` says why). Here so the benchmark measures what operators get by default.
 */
export function sharedHostWorkers(cores: number): number {
  return Math.max(1, Math.floor(cores / 4));
}
