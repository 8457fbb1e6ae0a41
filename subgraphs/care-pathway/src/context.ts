import type { SubgraphContext } from '@epr/platform';
import type { ReferralAccess } from './referral-access.js';

/** The care-pathway subgraph's per-request context. */
export interface Context extends SubgraphContext {
  referrals: ReferralAccess;
}
