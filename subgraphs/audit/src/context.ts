import type { SubgraphContext } from '@epr/platform';
import type { AuditLogAccess } from './audit-access.js';
import type { AlertAccess } from './alert-access.js';

/** The audit subgraph's per-request context. */
export interface Context extends SubgraphContext {
  auditLog: AuditLogAccess;
  alerts: AlertAccess;
}
