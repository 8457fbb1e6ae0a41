import type { Caller } from '@epr/identity';
import type { Logger } from './logger.js';
import type { AuditTrail } from './audit-trail.js';
import type { RequestPolicy } from './policy/request-policy.js';

/** What every subgraph resolver can rely on; each subgraph extends it with its own loaders. */
export interface SubgraphContext {
  /** The identity the gateway verified and signed for this request. */
  caller: Caller;
  requestId: string;
  logger: Logger;
  audit: AuditTrail;
  /** The shared policy engine, bound to this caller: every guarded read asks it. */
  policy: RequestPolicy;
}
