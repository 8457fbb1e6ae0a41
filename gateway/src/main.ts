import { readGatewayConfig } from './config.js';
import { startGateway } from './gateway-server.js';

const gateway = await startGateway(readGatewayConfig());
const stop = () => {
  gateway.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
