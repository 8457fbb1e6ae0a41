import { isUserSession, type FieldRules } from '@epr/platform';

/**
 * Field-level rules of the audit subgraph; deny by default (see the deny-by-default test). Each `// policy:`
 * names the rule the shared policy engine will put in place of `isUserSession`.
 */
export const rules: FieldRules = {
  Query: {
    // policy: privacy officer or Caldicott guardian only.
    accessEvents: isUserSession,
    // policy: privacy officer or Caldicott guardian only.
    accessAlerts: isUserSession,
  },
  Mutation: {
    // policy: privacy officer or Caldicott guardian only.
    acknowledgeAccessAlert: isUserSession,
    // policy: privacy officer or Caldicott guardian only.
    closeAccessAlert: isUserSession,
  },
  Patient: {
    id: isUserSession,
    // policy: privacy officer or Caldicott guardian only.
    accessEvents: isUserSession,
    // policy: the patient themself (or their nominated proxy) only.
    accessLog: isUserSession,
  },
  AccessEvent: isUserSession,
  AccessEventConnection: isUserSession,
  AccessEventEdge: isUserSession,
  AccessBasis: isUserSession,
  AuditPageInfo: isUserSession,
  AccessAlert: isUserSession,
  AccessAlertConnection: isUserSession,
  AccessAlertEdge: isUserSession,
  RecordAccess: isUserSession,
  RecordAccessConnection: isUserSession,
  RecordAccessEdge: isUserSession,
  Organisation: isUserSession,
};
