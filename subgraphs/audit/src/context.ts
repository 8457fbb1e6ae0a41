import type { SubgraphContext } from '@epr/platform';
import type { AuditLogAccess } from './audit-access.js';

/** The audit subgraph's per-request context. */
export interface Context extends SubgraphContext {
  auditLog: AuditLogAccess;
}
