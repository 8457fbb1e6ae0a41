import DataLoader from 'dataloader';
import { groupByKeys, orderByKeys } from '@epr/platform';
import type { ReferralRecord, ReferralStore } from './data/referral-store.js';

/** Per-request loaders: one SQL statement a batch. */
export interface Loaders {
  referralById: DataLoader<string, ReferralRecord | null>;
  referralsByPatientId: DataLoader<string, ReferralRecord[]>;
}

export function createLoaders(referrals: ReferralStore): Loaders {
  return {
    referralById: new DataLoader(async (ids) => orderByKeys(ids, await referrals.findByIds(ids), (r) => r.id)),
    referralsByPatientId: new DataLoader(async (ids) => groupByKeys(ids, await referrals.findByPatientIds(ids), (r) => r.patientId)),
  };
}
