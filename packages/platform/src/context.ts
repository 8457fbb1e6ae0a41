import type { Caller } from '@epr/identity';
import type { Logger } from './logger.js';
import type { AuditTrail } from './audit-trail.js';

/** What every subgraph resolver can rely on; each subgraph extends it with its own loaders. */
export interface SubgraphContext {
  /** The identity the gateway verified and signed for this request. */
  caller: Caller;
  requestId: string;
  logger: Logger;
  audit: AuditTrail;
}
