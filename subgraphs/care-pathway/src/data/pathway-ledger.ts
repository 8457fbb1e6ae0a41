import type {
  AdmissionWithoutTreatment,
  AppointmentOutcome,
  ClockEffect,
  ClockPhase,
  PathwayEventKind,
} from '../__generated__/prisma/client.js';
import { sqlOn, type RelationshipRegister } from '@epr/platform';
import type { CalendarDate } from '../domain/rtt/calendar-date.js';
import { endsCare } from '../domain/rtt/care-end.js';
import { referralSourceRef } from '../domain/referral-source.js';
import { insertClockEvent, type DerivedStep } from '../domain/rtt/clock-history.js';
import type { RttEvent } from '../domain/rtt/rtt-event.js';
import type { RttPeriod } from '../domain/rtt/rtt-period.js';
import { dateColumn } from './calendar-columns.js';
import { clockEventColumns, clockEventKinds, toClockEvent, type ClockEventRow } from './clock-event-rows.js';
import type { PathwayRecord } from './pathway-store.js';
import type { Tx } from './prisma.js';
import { periodColumns, toPeriodRecord, type RttPeriodRecord } from './rtt-period-store.js';

/** A pathway locked for update in the current transaction, with what the clock needs. */
export interface LockedPathway extends PathwayRecord {
  eventCount: number;
  periods: RttPeriodRecord[];
}

/** What a timeline entry records besides its pathway, order, clock effect and RTT status. */
export interface TimelineEntryFields {
  kind: PathwayEventKind;
  occurredOn: CalendarDate;
  recordedBy: string;
  occurredAt?: Date;
  admitted?: boolean | null;
  decisionToAdmit?: boolean | null;
  admissionWithoutTreatment?: AdmissionWithoutTreatment;
  appointmentId?: string;
  appointmentOutcome?: AppointmentOutcome;
  firstAppointment?: boolean;
  dnaCommunicatedClearly?: boolean | null;
  communicationEvidence?: string | null;
  /** Entered through a back-entry path (e.g. an appointment booked into a slot that had already started). */
  backEntered?: boolean;
  sourceEventId?: string;
  documentId?: string;
  assessmentId?: string;
  note?: string | null;
}

/** What a clock event did once recorded. */
export interface RecordedClockEvent {
  effect: ClockEffect;
  /** Entered after the fact: through a back-entry path, or dated before events already on the pathway. */
  backEntered: boolean;
}

type LockedRow = Omit<LockedPathway, 'periods'>;

/**
 * The write side of a pathway. Every change runs in the caller's transaction after `lock`, so events on one
 * pathway are folded one at a time and a refused event leaves nothing behind. The clock is derived from the
 * pathway's whole history each time, in the order things happened, so an event entered late is folded where it
 * belongs and what later events did is derived again (domain/rtt/clock-history.ts).
 */
export class PathwayLedger {
  constructor(private readonly relationships: RelationshipRegister) {}

  /** Locks the pathway row (SELECT ... FOR UPDATE) and reads its clock; null when there is no such pathway. */
  async lock(tx: Tx, pathwayId: string): Promise<LockedPathway | null> {
    const [row] = await tx.$queryRaw<LockedRow[]>`
      SELECT id::text AS "id", patient_id::text AS "patientId", referral_id::text AS "referralId", organisation, specialty,
             phase::text AS "phase", event_count AS "eventCount"
      FROM pathway WHERE id = ${pathwayId}::uuid FOR UPDATE`;
    if (!row) return null;
    const periods = await tx.rttPeriod.findMany({ where: { pathwayId }, select: periodColumns, orderBy: { ordinal: 'asc' } });
    return { ...row, periods: periods.map(toPeriodRecord) };
  }

  /**
   * Folds a clock event into the pathway's history (throws RttRuleViolation when the rules refuse it, and
   * ClockHistoryConflict when they would refuse an event recorded after it) and records it on the timeline
   * with what it did to the clock.
   */
  async applyClockEvent(
    tx: Tx,
    pathway: LockedPathway,
    event: RttEvent,
    entry: Omit<TimelineEntryFields, 'occurredOn'>,
  ): Promise<RecordedClockEvent> {
    const history = await tx.pathwayEvent.findMany({
      where: { pathwayId: pathway.id, kind: { in: [...clockEventKinds] } },
      select: clockEventColumns,
      orderBy: [{ occurredOn: 'asc' }, { ordinal: 'asc' }],
    });
    const insertion = insertClockEvent(history.map(toClockEvent), event);
    const step = insertion.steps[insertion.position]!;
    await this.rederive(tx, history, insertion.steps.toSpliced(insertion.position, 1));
    await this.savePeriods(tx, pathway, insertion.clock.periods);
    const backEntered = (entry.backEntered ?? false) || insertion.beforeLaterEvents;
    await this.addEntry(tx, pathway, { ...entry, backEntered, occurredOn: event.on }, step, insertion.clock.phase);
    pathway.phase = insertion.clock.phase;
    if (pathway.referralId && endsCare(step.status, pathway.phase)) {
      // The care the referral brought is over: its teams keep access for the grace period (letters), then lose it.
      await this.relationships.endCareRelationships(sqlOn(tx), referralSourceRef(pathway.referralId), new Date());
    }
    return { effect: step.effect, backEntered };
  }

  /** Adds an entry to the timeline; events that do not concern the clock have no effect and no RTT status. */
  async addEntry(
    tx: Tx,
    pathway: LockedPathway,
    entry: TimelineEntryFields,
    step: DerivedStep = { effect: 'NONE', status: null },
    phase?: ClockPhase,
  ): Promise<void> {
    pathway.eventCount += 1;
    await tx.pathway.update({ where: { id: pathway.id }, data: { ...(phase && { phase }), eventCount: pathway.eventCount } });
    await tx.pathwayEvent.create({
      data: {
        ...entry,
        occurredOn: dateColumn(entry.occurredOn),
        pathwayId: pathway.id,
        patientId: pathway.patientId,
        ordinal: pathway.eventCount,
        clockEffect: step.effect,
        rttStatus: step.status,
      },
    });
  }

  /** Earlier entries whose effect the new history changes (an event entered late) are brought up to date. */
  private async rederive(tx: Tx, history: readonly ClockEventRow[], steps: readonly DerivedStep[]): Promise<void> {
    for (const [index, row] of history.entries()) {
      const step = steps[index]!;
      if (step.effect !== row.clockEffect || step.status !== row.rttStatus) {
        await tx.pathwayEvent.update({
          where: { id: row.id },
          data: { clockEffect: step.effect, rttStatus: step.status },
          select: { id: true },
        });
      }
    }
  }

  /** Periods are kept by ordinal: changed ones updated, new ones created, ones the history no longer has removed. */
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
    if (pathway.periods.length > periods.length) {
      await tx.rttPeriod.deleteMany({ where: { pathwayId: pathway.id, ordinal: { gt: periods.length } } });
    }
  }
}

function samePeriod(a: RttPeriod, b: RttPeriod): boolean {
  return (
    a.startedOn === b.startedOn &&
    a.startRule === b.startRule &&
    a.endedOn === b.endedOn &&
    a.endReason === b.endReason &&
    a.endStatus === b.endStatus &&
    a.admitted === b.admitted &&
    a.decisionToAdmitOn === b.decisionToAdmitOn &&
    a.attended === b.attended
  );
}
