import type { Db } from './prisma.js';
import type { ReferralPriority, ReferralSource, TriageStatus } from '../__generated__/prisma/client.js';

export interface ReferralRecord {
  id: string;
  patientId: string;
  receivingOrganisation: string;
  specialty: string;
  priority: ReferralPriority;
  receivedOn: Date;
  referredOn: Date | null;
  ubrnConvertedOn: Date | null;
  referringOrganisation: string | null;
  referringClinician: string | null;
  reason: string | null;
  ubrn: string | null;
  /** How it reached the provider; null on referrals recorded before the source was kept. */
  source: ReferralSource | null;
  triageStatus: TriageStatus;
  triagedAt: Date | null;
  triagedBy: string | null;
  triageReason: string | null;
  /** Set together when the referral was withdrawn before the first appointment. */
  withdrawnOn: Date | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
}

export const referralColumns = {
  id: true,
  patientId: true,
  receivingOrganisation: true,
  specialty: true,
  priority: true,
  receivedOn: true,
  referredOn: true,
  ubrnConvertedOn: true,
  referringOrganisation: true,
  referringClinician: true,
  reason: true,
  ubrn: true,
  source: true,
  triageStatus: true,
  triagedAt: true,
  triagedBy: true,
  triageReason: true,
  withdrawnOn: true,
  withdrawnAt: true,
  withdrawnBy: true,
  withdrawalReason: true,
} as const;

/** Referral reads; each takes a batch of keys and costs one SQL statement. */
export class ReferralStore {
  constructor(private readonly db: Db) {}

  findByIds(ids: readonly string[]): Promise<ReferralRecord[]> {
    return this.db.referral.findMany({ where: { id: { in: [...ids] } }, select: referralColumns });
  }

  findByPatientIds(patientIds: readonly string[]): Promise<ReferralRecord[]> {
    return this.db.referral.findMany({
      where: { patientId: { in: [...patientIds] } },
      select: referralColumns,
      orderBy: [{ receivedOn: 'desc' }, { id: 'asc' }],
    });
  }
}
