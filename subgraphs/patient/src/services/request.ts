import type { AuditedWrites, AuditTrail, ConsentRegister, PrismaTransactionsOf, RelationshipRegister, RequestPolicy } from '@epr/platform';
import type { Tx } from '../data/prisma.js';
import type { Caller } from '@epr/identity';
import type { Loaders, Stores } from '../data/loaders.js';

/**
 * What one request's services share: who is calling, the policy engine bound to them, the audit trail, the
 * request's batched loaders and the stores they write through. Only services hold it; resolvers see services.
 */
export interface ServiceRequest {
  caller: Caller;
  policy: RequestPolicy;
  audit: AuditTrail;
  loaders: Loaders;
  stores: Stores;
  /** Transactions for writes, each committing with its security-log rows. */
  writes: AuditedWrites<Tx>;
  /** Plain SQL on a write's transaction, for the shared access-control registers. */
  sql: PrismaTransactionsOf<Tx, never>;
  relationships: RelationshipRegister;
  consents: ConsentRegister;
}
