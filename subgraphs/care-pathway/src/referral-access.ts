import type { RequestPolicy } from '@epr/platform';
import type { Loaders } from './loaders.js';
import type { ReferralRecord } from './data/referral-store.js';
import { isUuid } from './domain/input-rules.js';

/**
 * The one guarded path to referrals: every read is batched, asks the policy engine about the referral's
 * patient (`referrals.read`) and is recorded in the audit trail. A referral out of the caller's scope is
 * "not found".
 */
export class ReferralAccess {
  constructor(
    private readonly loaders: Loaders,
    private readonly policy: RequestPolicy,
  ) {}

  async byId(id: string): Promise<ReferralRecord | null> {
    if (!isUuid(id)) return null;
    return this.policy.reveal('referrals.read', await this.loaders.referralById.load(id.toLowerCase()), 'referral.read');
  }

  async forPatient(patientId: string): Promise<ReferralRecord[]> {
    if (!isUuid(patientId)) return [];
    return this.policy.revealAll('referrals.read', await this.loaders.referralsByPatientId.load(patientId), 'referral.read');
  }
}
