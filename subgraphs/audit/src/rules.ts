import { isUserSession, type FieldRules } from '@epr/platform';

/** Field-level rules of the audit subgraph; deny by default (see the deny-by-default test). */
export const rules: FieldRules = {
  Query: { accessEvents: isUserSession },
  AccessEvent: isUserSession,
  Patient: isUserSession,
};
