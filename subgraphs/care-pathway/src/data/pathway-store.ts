import type { Db } from './prisma.js';
import type { ClockPhase } from '../__generated__/prisma/client.js';
import type { CalendarDate } from '../domain/rtt/calendar-date.js';
import { optionalCalendarDate } from './calendar-columns.js';

export interface PathwayRecord {
  id: string;
  patientId: string;
  referralId: string;
  organisation: string;
  specialty: string;
  phase: ClockPhase;
  lastEventOn: CalendarDate | null;
}

const columns = {
  id: true,
  patientId: true,
  referralId: true,
  organisation: true,
  specialty: true,
  phase: true,
  lastEventOn: true,
} as const;

type Row = Omit<PathwayRecord, 'lastEventOn'> & { lastEventOn: Date | null };

function toRecord(row: Row): PathwayRecord {
  return { ...row, lastEventOn: optionalCalendarDate(row.lastEventOn) };
}

/** Pathway reads; each takes a batch of keys and costs one SQL statement. */
export class PathwayStore {
  constructor(private readonly db: Db) {}

  async findByIds(ids: readonly string[]): Promise<PathwayRecord[]> {
    return (await this.db.pathway.findMany({ where: { id: { in: [...ids] } }, select: columns })).map(toRecord);
  }

  async findByReferralIds(referralIds: readonly string[]): Promise<PathwayRecord[]> {
    return (await this.db.pathway.findMany({ where: { referralId: { in: [...referralIds] } }, select: columns })).map(toRecord);
  }

  async findByPatientIds(patientIds: readonly string[]): Promise<PathwayRecord[]> {
    const rows = await this.db.pathway.findMany({
      where: { patientId: { in: [...patientIds] } },
      select: columns,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
    return rows.map(toRecord);
  }
}
