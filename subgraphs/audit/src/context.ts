import type { SubgraphContext } from '@epr/platform';
import type { Policy } from '@epr/policy';
import type { AuditLogAccess } from './audit-access.js';
import type { AlertAccess } from './alert-access.js';

/** The audit subgraph's per-request context. */
export interface Context extends SubgraphContext {
  auditLog: AuditLogAccess;
  alerts: AlertAccess;
  /** The access policy in force: the access log names roles as it does. */
  accessPolicy: Policy;
}
