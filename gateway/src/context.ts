import type { Caller } from '@epr/identity';
import type { Logger } from 'pino';

/** Per-request gateway context: who is calling, and the credential forwarded to subgraphs on their behalf. */
export interface GatewayContext {
  caller: Caller;
  requestId: string;
  logger: Logger;
  /** The gateway-signed credential for this request, signed once and reused for every subgraph call. */
  credential: () => Promise<string>;
}
