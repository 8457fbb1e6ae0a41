import { randomUUID } from 'node:crypto';
import type { Transaction } from '@epr/platform';
import type { Db } from './prisma.js';
import type { Tx } from './booking-store.js';
import type { SlotKind } from '../__generated__/prisma/client.js';
import type { ClinicRecord } from './clinic-store.js';
import type { PlannedSession } from '../domain/session-plan.js';

export interface SlotRecord {
  id: string;
  sessionId: string;
  clinicId: string;
  organisation: string;
  service: string;
  startsAt: Date;
  minutes: number;
  capacity: number;
  bookedCount: number;
  kind: SlotKind;
}

export interface FreeSlotQuery {
  service: string;
  organisation: string | null;
  kind: SlotKind | null;
  from: Date;
  to: Date;
  limit: number;
}

const slotColumns = {
  id: true,
  sessionId: true,
  clinicId: true,
  organisation: true,
  service: true,
  startsAt: true,
  minutes: true,
  capacity: true,
  bookedCount: true,
  kind: true,
} as const;

/** Sessions and their slots: batch reads, free-slot search, and writing planned sessions. */
export class SlotStore {
  constructor(private readonly db: Db) {}

  findByIds(ids: readonly string[]): Promise<SlotRecord[]> {
    return this.db.slot.findMany({ where: { id: { in: [...ids] } }, select: slotColumns });
  }

  /**
   * One statement, served by the partial indexes on free slots (`booked_count < capacity`), by service or by
   * organisation and service, in start order.
   */
  findFree(query: FreeSlotQuery): Promise<SlotRecord[]> {
    return this.db.slot.findMany({
      where: {
        service: query.service,
        ...(query.organisation ? { organisation: query.organisation } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        startsAt: { gte: query.from, lt: query.to },
        bookedCount: { lt: this.db.slot.fields.capacity },
      },
      select: slotColumns,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: query.limit,
    });
  }

  /** Starts of the sessions already generated from these templates in a period, to generate each once. */
  async existingTemplateSessionStarts(templateIds: readonly string[], from: Date, to: Date): Promise<Set<string>> {
    const rows = await this.db.clinicSession.findMany({
      where: { templateId: { in: [...templateIds] }, startsAt: { gte: from, lt: to } },
      select: { templateId: true, startsAt: true },
    });
    return new Set(rows.map((row) => sessionKey(row.templateId, row.startsAt)));
  }

  /**
   * Writes sessions and all their slots in two statements of the transaction it is given (which carries the write's
   * security-log row); returns the sessions' ids and the slots written.
   */
  createSessions(
    clinic: ClinicRecord,
    sessions: { templateId: string | null; plan: PlannedSession }[],
    transaction: Transaction<Tx, WrittenSessions>,
  ): Promise<WrittenSessions> {
    const sessionRows = sessions.map(({ templateId, plan }) => ({
      id: randomUUID(),
      clinicId: clinic.id,
      templateId,
      startsAt: plan.startsAt,
      endsAt: plan.endsAt,
    }));
    const slotRows = sessions.flatMap(({ plan }, i) =>
      plan.slots.map((slot) => ({
        id: randomUUID(),
        sessionId: sessionRows[i]!.id,
        clinicId: clinic.id,
        organisation: clinic.organisation,
        service: clinic.service,
        startsAt: slot.startsAt,
        minutes: slot.minutes,
        capacity: slot.capacity,
        bookedCount: 0,
        kind: slot.kind,
      })),
    );
    return transaction(async (tx) => {
      await tx.clinicSession.createMany({ data: sessionRows });
      await tx.slot.createMany({ data: slotRows });
      return { sessionIds: sessionRows.map((row) => row.id), slots: slotRows };
    });
  }
}

/** Sessions written together, and their slots. */
export interface WrittenSessions {
  sessionIds: string[];
  slots: SlotRecord[];
}

export function sessionKey(templateId: string | null, startsAt: Date): string {
  return `${templateId ?? ''}|${startsAt.toISOString()}`;
}
