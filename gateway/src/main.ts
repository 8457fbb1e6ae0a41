import cluster from 'node:cluster';
import { createLogger, profileCpuOnSignal, startTracingFromEnvironment } from '@epr/platform';
import { readGatewayConfig, readGatewayWorkers } from './config.js';
import { startGateway } from './gateway-server.js';
import { superviseWorkers } from './workers.js';

// Read before forking, so a misconfigured gateway fails once, with its message, not once per worker.
const config = readGatewayConfig();
const workers = readGatewayWorkers();

if (workers > 1 && cluster.isPrimary) {
  superviseWorkers(workers, createLogger('gateway'));
} else {
  const tracing = startTracingFromEnvironment('gateway');
  profileCpuOnSignal('gateway', createLogger('gateway'));
  const gateway = await startGateway(config);
  const stop = () => {
    gateway
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
