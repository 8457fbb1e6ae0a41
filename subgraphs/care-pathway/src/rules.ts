import { isUserSession, type FieldRules } from '@epr/platform';

/** Field-level rules of the care-pathway subgraph; deny by default (see the deny-by-default test). */
export const rules: FieldRules = {
  Query: { referral: isUserSession },
  Referral: isUserSession,
  Patient: isUserSession,
};
