import type { AuditTrail } from '@epr/platform';
import type { Loaders } from './loaders.js';
import type { ReferralRecord } from './data/referral-store.js';

/** The one guarded path to referrals: every read is batched and recorded in the audit trail. */
export class ReferralAccess {
  constructor(
    private readonly loaders: Loaders,
    private readonly audit: AuditTrail,
  ) {}

  async byId(id: string): Promise<ReferralRecord | null> {
    const referral = await this.loaders.referralById.load(id);
    if (referral) this.audit.record({ action: 'referral.read', outcome: 'ALLOWED', patientId: referral.patientId });
    return referral;
  }

  async forPatient(patientId: string): Promise<ReferralRecord[]> {
    const referrals = await this.loaders.referralsByPatientId.load(patientId);
    if (referrals.length > 0) this.audit.record({ action: 'referral.read', outcome: 'ALLOWED', patientId });
    return referrals;
  }
}
