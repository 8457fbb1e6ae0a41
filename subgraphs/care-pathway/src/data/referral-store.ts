import type { Db } from './prisma.js';
import type { ReferralPriority } from '../__generated__/prisma/client.js';

export interface ReferralRecord {
  id: string;
  patientId: string;
  receivingOrganisation: string;
  specialty: string;
  priority: ReferralPriority;
  receivedOn: Date;
}

const columns = { id: true, patientId: true, receivingOrganisation: true, specialty: true, priority: true, receivedOn: true } as const;

/** Referral reads; each takes a batch of keys and costs one SQL statement. */
export class ReferralStore {
  constructor(private readonly db: Db) {}

  findByIds(ids: readonly string[]): Promise<ReferralRecord[]> {
    return this.db.referral.findMany({ where: { id: { in: [...ids] } }, select: columns });
  }

  findByPatientIds(patientIds: readonly string[]): Promise<ReferralRecord[]> {
    return this.db.referral.findMany({
      where: { patientId: { in: [...patientIds] } },
      select: columns,
      orderBy: [{ receivedOn: 'desc' }, { id: 'asc' }],
    });
  }
}
