import cluster from 'node:cluster';
import { createLogger, runServiceProcess } from '@epr/platform';
import { readGatewayConfig, readGatewayWorkers } from './config.js';
import { startGateway } from './gateway-server.js';
import { superviseWorkers } from './workers.js';

// Read before forking, so a misconfigured gateway fails once, with its message, not once per worker.
const config = readGatewayConfig();
const workers = readGatewayWorkers();

if (workers > 1 && cluster.isPrimary) {
  superviseWorkers(workers, createLogger('gateway'));
} else {
  await runServiceProcess('gateway', () => startGateway(config));
}
