import type { Db } from './prisma.js';
import type { ClockPhase } from '../__generated__/prisma/client.js';

export interface PathwayRecord {
  id: string;
  patientId: string;
  referralId: string;
  organisation: string;
  specialty: string;
  phase: ClockPhase;
}

const columns = {
  id: true,
  patientId: true,
  referralId: true,
  organisation: true,
  specialty: true,
  phase: true,
} as const;

/** Pathway reads; each takes a batch of keys and costs one SQL statement. */
export class PathwayStore {
  constructor(private readonly db: Db) {}

  findByIds(ids: readonly string[]): Promise<PathwayRecord[]> {
    return this.db.pathway.findMany({ where: { id: { in: [...ids] } }, select: columns });
  }

  findByReferralIds(referralIds: readonly string[]): Promise<PathwayRecord[]> {
    return this.db.pathway.findMany({ where: { referralId: { in: [...referralIds] } }, select: columns });
  }

  findByPatientIds(patientIds: readonly string[]): Promise<PathwayRecord[]> {
    return this.db.pathway.findMany({
      where: { patientId: { in: [...patientIds] } },
      select: columns,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
  }
}
