import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';

/**
 * With `EPR_CPU_PROFILE_DIR` set, SIGUSR2 starts a V8 CPU profile of this process and the next SIGUSR2 writes it
 * to `<dir>/<service>-<pid>-<n>.cpuprofile` (Chrome DevTools opens it as a flame graph): a profile of a running
 * service under the load of interest, without its start-up. Off (no signal handler at all) unless the variable is set.
 */
export function profileCpuOnSignal(service: string, logger: Logger, env: NodeJS.ProcessEnv = process.env): void {
  const dir = env['EPR_CPU_PROFILE_DIR'];
  if (!dir) return;
  let session: Session | undefined;
  let count = 0;
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!session) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        logger.info('CPU profile started');
        return;
      }
      const running = session;
      session = undefined;
      const { profile } = await running.post('Profiler.stop');
      running.disconnect();
      const file = join(dir, `${service}-${process.pid}-${++count}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      logger.info({ file }, 'CPU profile written');
    })().catch((error: unknown) => logger.error({ err: error }, 'CPU profile failed'));
  });
}
