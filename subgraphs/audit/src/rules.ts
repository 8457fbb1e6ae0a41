import { can, canAny, isUserSession, type FieldRules } from '@epr/platform';

/**
 * Field-level rules of the audit subgraph: thin role checks against the shared policy engine; deny by default
 * (see the deny-by-default test). Reviewing the log is for privacy officers and Caldicott guardians
 * (`audit.read`), alerts for those who manage them; a patient sees only who accessed their own record, which
 * AuditLogAccess enforces per patient.
 */
const reviewLog = can('audit.read');
const manageAlerts = can('alerts.manage');
const ownAccessLog = canAny('audit.read', 'access_log.read_own');
export const rules: FieldRules = {
  Query: {
    accessEvent: reviewLog,
    accessEvents: reviewLog,
    accessAlerts: manageAlerts,
  },
  Mutation: {
    acknowledgeAccessAlert: manageAlerts,
    closeAccessAlert: manageAlerts,
  },
  Patient: {
    id: isUserSession,
    accessEvents: reviewLog,
    accessLog: ownAccessLog,
  },
  AccessEvent: reviewLog,
  AccessEventConnection: reviewLog,
  AccessEventEdge: reviewLog,
  AccessBasis: reviewLog,
  AuditPageInfo: isUserSession,
  AccessAlert: manageAlerts,
  AccessAlertConnection: manageAlerts,
  AccessAlertEdge: manageAlerts,
  RecordAccess: ownAccessLog,
  RecordAccessConnection: ownAccessLog,
  RecordAccessEdge: ownAccessLog,
  Organisation: isUserSession,
};
