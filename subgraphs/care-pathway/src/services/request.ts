import type { AuditedWrites, AuditTrail, RequestPolicy } from '@epr/platform';
import type { Caller } from '@epr/identity';
import type { Loaders } from '../data/loaders.js';
import type { Tx } from '../data/prisma.js';

/**
 * What one request's services share: who is calling, the policy engine bound to them, the audit trail and the
 * request's batched loaders. Only services hold it; resolvers see services.
 */
export interface ServiceRequest {
  caller: Caller;
  policy: RequestPolicy;
  audit: AuditTrail;
  loaders: Loaders;
  /** Transactions for writes, each committing with its security-log rows. */
  writes: AuditedWrites<Tx>;
  /** Drops what the request has read, so a mutation's answer shows what it has just written. */
  forgetReads: () => void;
  now: () => Date;
}
