import type { Db } from './prisma.js';
import type { RttPeriod } from '../domain/rtt/rtt-period.js';
import { calendarDate, optionalCalendarDate } from './calendar-columns.js';

/** A stored clock period: the engine's period plus where it sits. */
export interface RttPeriodRecord extends RttPeriod {
  id: string;
  pathwayId: string;
  ordinal: number;
}

export const periodColumns = {
  id: true,
  pathwayId: true,
  ordinal: true,
  startedOn: true,
  startRule: true,
  endedOn: true,
  endReason: true,
  endStatus: true,
  admitted: true,
  decisionToAdmitOn: true,
  attended: true,
} as const;

type Row = Omit<RttPeriodRecord, 'startedOn' | 'endedOn' | 'decisionToAdmitOn'> & {
  startedOn: Date;
  endedOn: Date | null;
  decisionToAdmitOn: Date | null;
};

export function toPeriodRecord(row: Row): RttPeriodRecord {
  return {
    ...row,
    startedOn: calendarDate(row.startedOn),
    endedOn: optionalCalendarDate(row.endedOn),
    decisionToAdmitOn: optionalCalendarDate(row.decisionToAdmitOn),
  };
}

/** Clock periods of a batch of pathways, oldest first; one SQL statement. */
export class RttPeriodStore {
  constructor(private readonly db: Db) {}

  async findByPathwayIds(pathwayIds: readonly string[]): Promise<RttPeriodRecord[]> {
    const rows = await this.db.rttPeriod.findMany({
      where: { pathwayId: { in: [...pathwayIds] } },
      select: periodColumns,
      orderBy: [{ pathwayId: 'asc' }, { ordinal: 'asc' }],
    });
    return rows.map(toPeriodRecord);
  }
}
