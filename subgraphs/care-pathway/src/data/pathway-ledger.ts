import type { AppointmentOutcome, ClockEffect, ClockPhase, PathwayEventKind } from '../__generated__/prisma/client.js';
import type { CalendarDate } from '../domain/rtt/calendar-date.js';
import { RttClock } from '../domain/rtt/rtt-clock.js';
import type { RttEvent } from '../domain/rtt/rtt-event.js';
import type { RttPeriod } from '../domain/rtt/rtt-period.js';
import { dateColumn } from './calendar-columns.js';
import type { PathwayRecord } from './pathway-store.js';
import type { Tx } from './prisma.js';
import { periodColumns, toPeriodRecord, type RttPeriodRecord } from './rtt-period-store.js';

/** A pathway locked for update in the current transaction, with what the clock needs. */
export interface LockedPathway extends PathwayRecord {
  eventCount: number;
  periods: RttPeriodRecord[];
}

/** What a timeline entry records besides its pathway, order and clock effect. */
export interface TimelineEntryFields {
  kind: PathwayEventKind;
  occurredOn: CalendarDate;
  recordedBy: string;
  occurredAt?: Date;
  rttStatus?: string | null;
  admitted?: boolean | null;
  decisionToAdmit?: boolean | null;
  appointmentId?: string;
  appointmentOutcome?: AppointmentOutcome;
  firstAppointment?: boolean;
  dnaCommunicatedClearly?: boolean | null;
  sourceEventId?: string;
  documentId?: string;
  assessmentId?: string;
  note?: string | null;
}

type LockedRow = Omit<LockedPathway, 'periods'>;

/**
 * The write side of a pathway. Every change runs in the caller's transaction after `lock`, so events on one
 * pathway are folded one at a time, in order, and a refused event leaves nothing behind.
 */
export class PathwayLedger {
  /** Locks the pathway row (SELECT ... FOR UPDATE) and reads its clock; null when there is no such pathway. */
  async lock(tx: Tx, pathwayId: string): Promise<LockedPathway | null> {
    const [row] = await tx.$queryRaw<LockedRow[]>`
      SELECT id::text AS "id", patient_id::text AS "patientId", referral_id::text AS "referralId", organisation, specialty,
             phase::text AS "phase", last_event_on::text AS "lastEventOn", event_count AS "eventCount"
      FROM pathway WHERE id = ${pathwayId}::uuid FOR UPDATE`;
    if (!row) return null;
    const periods = await tx.rttPeriod.findMany({ where: { pathwayId }, select: periodColumns, orderBy: { ordinal: 'asc' } });
    return { ...row, periods: periods.map(toPeriodRecord) };
  }

  /**
   * Folds a clock event into the pathway (throws RttRuleViolation when the rules refuse it) and records it on
   * the timeline with what it did to the clock.
   */
  async applyClockEvent(
    tx: Tx,
    pathway: LockedPathway,
    event: RttEvent,
    entry: Omit<TimelineEntryFields, 'occurredOn'>,
  ): Promise<ClockEffect> {
    const { phase, lastEventOn, periods } = pathway;
    const { clock, effect } = RttClock.resume({ phase, lastEventOn, periods }).apply(event);
    await this.savePeriods(tx, pathway, clock.periods);
    // An event that ended a clock carries the status that ended it, e.g. 33 for a nullifying DNA (Annex D).
    const endStatus =
      effect === 'STOPPED' || effect === 'NULLIFIED' || effect === 'TRANSFERRED' ? (clock.currentPeriod?.endStatus ?? null) : null;
    const rttStatus = entry.rttStatus ?? endStatus;
    await this.addEntry(tx, pathway, { ...entry, rttStatus, occurredOn: event.on }, effect, {
      phase: clock.phase,
      lastEventOn: dateColumn(event.on),
    });
    pathway.phase = clock.phase;
    pathway.lastEventOn = event.on;
    return effect;
  }

  /** Adds an entry to the timeline; `effect` is NONE for events that do not concern the clock. */
  async addEntry(
    tx: Tx,
    pathway: LockedPathway,
    entry: TimelineEntryFields,
    effect: ClockEffect = 'NONE',
    clock: { phase: ClockPhase; lastEventOn: Date } | Record<string, never> = {},
  ): Promise<void> {
    pathway.eventCount += 1;
    await tx.pathway.update({ where: { id: pathway.id }, data: { ...clock, eventCount: pathway.eventCount } });
    await tx.pathwayEvent.create({
      data: {
        ...entry,
        occurredOn: dateColumn(entry.occurredOn),
        pathwayId: pathway.id,
        patientId: pathway.patientId,
        ordinal: pathway.eventCount,
        clockEffect: effect,
      },
    });
  }

  /** Only the last period or two change with an event: earlier ones are history. */
  private async savePeriods(tx: Tx, pathway: LockedPathway, periods: readonly RttPeriod[]): Promise<void> {
    for (const [index, period] of periods.entries()) {
      const stored = pathway.periods[index];
      const columns = {
        startedOn: dateColumn(period.startedOn),
        startRule: period.startRule,
        endedOn: period.endedOn === null ? null : dateColumn(period.endedOn),
        endReason: period.endReason,
        endStatus: period.endStatus,
        admitted: period.admitted,
        decisionToAdmitOn: period.decisionToAdmitOn === null ? null : dateColumn(period.decisionToAdmitOn),
        attended: period.attended,
      };
      if (!stored) {
        await tx.rttPeriod.create({
          data: {
            ...columns,
            pathwayId: pathway.id,
            patientId: pathway.patientId,
            organisation: pathway.organisation,
            specialty: pathway.specialty,
            ordinal: index + 1,
          },
        });
      } else if (!samePeriod(stored, period)) {
        await tx.rttPeriod.update({ where: { id: stored.id }, data: columns });
      }
    }
  }
}

function samePeriod(a: RttPeriod, b: RttPeriod): boolean {
  return (
    a.startedOn === b.startedOn &&
    a.endedOn === b.endedOn &&
    a.endReason === b.endReason &&
    a.endStatus === b.endStatus &&
    a.admitted === b.admitted &&
    a.decisionToAdmitOn === b.decisionToAdmitOn &&
    a.attended === b.attended
  );
}
