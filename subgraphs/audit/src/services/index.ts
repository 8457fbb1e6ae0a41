import { AuditedWrites, type AuditTrail, type Transactions, type RequestPolicy } from '@epr/platform';
import type { Tx } from '../data/prisma.js';
import type { Caller } from '@epr/identity';
import type { AccessEventStore } from '../data/access-event-store.js';
import type { AlertStore } from '../data/alert-store.js';
import { createLoaders } from '../data/loaders.js';
import type { OrganisationDirectory } from '../data/organisation-directory.js';
import { AlertService } from './alert-service.js';
import { SecurityLogService } from './security-log-service.js';
import { OrganisationNames } from './organisation-names.js';

/** What the services read and write through; created once per process. */
export interface ServiceStores {
  events: AccessEventStore;
  alerts: AlertStore;
  /** Organisation names, from the directory (the patient subgraph). */
  organisations: OrganisationDirectory;
  /** Transactions on the subgraph's database, and SQL on them. */
  transactions: Transactions<Tx, never>;
}

/** What one request's services share: the caller, the policy engine bound to them and the audit trail. */
export interface ServiceRequest {
  caller: Caller;
  policy: RequestPolicy;
  audit: AuditTrail;
}

/** The audit subgraph's services for one request: everything its resolvers may call. */
export interface Services {
  securityLog: SecurityLogService;
  alerts: AlertService;
  organisations: OrganisationNames;
}

export function createServices(request: ServiceRequest, stores: ServiceStores): Services {
  return {
    securityLog: new SecurityLogService(
      createLoaders(stores.events, { userId: request.caller.userId, teamIds: request.caller.teamIds ?? [] }),
      stores.events,
      request.audit,
      request.policy,
    ),
    alerts: new AlertService(stores.alerts, request.audit, new AuditedWrites(request.audit, stores.transactions), request.caller),
    organisations: new OrganisationNames(stores.organisations, request.caller.requestId),
  };
}
