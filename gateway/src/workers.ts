import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { aggregateWorkerMetrics } from '@epr/platform';

// A worker that dies this soon after starting is failing on its configuration, not on a request:
// restarting it would only loop, so the whole gateway stops and says why.
const crashLoopMs = 10_000;

/**
 * Runs `count` gateway processes on one port (node:cluster: the primary accepts each connection and hands
 * it to a worker), so the gateway uses every core it is given. Each worker is a complete gateway with its
 * own health endpoints and supergraph watcher. A worker that dies is replaced; SIGINT/SIGTERM stop every
 * worker, then the primary.
 */
export function superviseWorkers(count: number, logger: Logger): void {
  const started = new Map<number, number>();
  let stopping = false;
  let exitCode = 0;

  const fork = () => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
  };
  const stop = (code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    if (started.size === 0) process.exit(exitCode);
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (stopping) {
      if (started.size === 0) process.exit(exitCode);
      return;
    }
    if (lived < crashLoopMs) {
      logger.fatal({ pid: worker.process.pid, code, signal }, 'gateway worker failed on start; stopping the gateway (see the error above)');
      stop(1);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker died; starting another');
    fork();
  });
  aggregateWorkerMetrics();
  for (let i = 0; i < count; i++) fork();
  logger.info({ workers: count }, 'gateway workers started');
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
}
