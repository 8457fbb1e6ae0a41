import { isUserSession, type FieldRules } from '@epr/platform';

/** Field-level rules of the scheduling subgraph; deny by default (see the deny-by-default test). */
export const rules: FieldRules = {
  Query: { appointment: isUserSession, clinicList: isUserSession },
  Appointment: isUserSession,
  Patient: isUserSession,
};
