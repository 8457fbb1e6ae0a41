import type { Db } from './prisma.js';
import type { RttEvent } from '../domain/rtt/rtt-event.js';
import { isUniqueViolation } from './unique-violation.js';
import { PathwayLedger } from './pathway-ledger.js';

export interface AppointmentOutcomeDelivery {
  eventId: string;
  pathwayId: string;
  appointmentId: string;
  occurredAt: Date;
  event: Extract<RttEvent, { kind: 'APPOINTMENT_OUTCOME' }>;
}

/** Events that move a pathway's clock: RTT statuses recorded by clinicians and outcomes reported by scheduling. */
export class ClockEventWriter {
  private readonly ledger = new PathwayLedger();

  constructor(private readonly db: Db) {}

  /** Resolves false when there is no such pathway; throws RttRuleViolation when the rules refuse the event. */
  recordRttStatus(
    pathwayId: string,
    event: Extract<RttEvent, { kind: 'RTT_STATUS' }>,
    note: string | null,
    recordedBy: string,
  ): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const pathway = await this.ledger.lock(tx, pathwayId);
      if (!pathway) return false;
      await this.ledger.applyClockEvent(tx, pathway, event, {
        kind: 'RTT_STATUS',
        recordedBy,
        rttStatus: event.code,
        admitted: event.admitted ?? false,
        decisionToAdmit: event.decisionToAdmit ?? false,
        note,
      });
      return true;
    });
  }

  /**
   * Applies a delivered outcome at most once: the pathway is locked before the event id is looked up, so two
   * deliveries of one event racing each other are serialised and the second finds the first. Resolves to
   * whether it was applied now (false for a repeat), or null when there is no such pathway.
   */
  async recordAppointmentOutcome(
    delivery: AppointmentOutcomeDelivery,
    recordedBy: string,
  ): Promise<{ applied: true; patientId: string } | { applied: false } | null> {
    try {
      return await this.db.$transaction(async (tx) => {
        const pathway = await this.ledger.lock(tx, delivery.pathwayId);
        if (!pathway) return null;
        if (await tx.pathwayEvent.findUnique({ where: { sourceEventId: delivery.eventId }, select: { id: true } }))
          return { applied: false };
        const { event } = delivery;
        await this.ledger.applyClockEvent(tx, pathway, event, {
          kind: 'APPOINTMENT_OUTCOME',
          recordedBy,
          occurredAt: delivery.occurredAt,
          appointmentId: delivery.appointmentId,
          appointmentOutcome: event.outcome,
          firstAppointment: event.firstAppointment,
          dnaCommunicatedClearly: event.dnaCommunicatedClearly,
          sourceEventId: delivery.eventId,
        });
        return { applied: true, patientId: pathway.patientId } as const;
      });
    } catch (error) {
      // The same event id delivered for another pathway at the same moment: it was applied there.
      if (isUniqueViolation(error)) return { applied: false };
      throw error;
    }
  }
}
