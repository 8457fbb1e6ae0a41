import type { Transaction } from '@epr/platform';
import type { Tx } from './prisma.js';
import type { ClinicalClockEvent } from '../domain/rtt-event-request.js';
import type { RttEvent } from '../domain/rtt/rtt-event.js';
import { isUniqueViolation } from './unique-violation.js';
import type { PathwayLedger, RecordedClockEvent, TimelineEntryFields } from './pathway-ledger.js';

export interface AppointmentOutcomeDelivery {
  eventId: string;
  pathwayId: string;
  appointmentId: string;
  occurredAt: Date;
  event: Extract<RttEvent, { kind: 'APPOINTMENT_OUTCOME' }>;
  communicationEvidence: string | null;
  /** Scheduling entered the appointment or its cancellation after the fact. */
  backEntered: boolean;
}

/** A clock event as recorded, with the patient it concerns (for the security log). */
export type RecordedOnPathway = RecordedClockEvent & { patientId: string };

/** What delivering an appointment outcome did: applied now, already applied before, or no such pathway. */
export type OutcomeApplied = ({ applied: true } & RecordedOnPathway) | { applied: false } | null;

/** Events that move a pathway's clock: RTT statuses and admissions recorded by clinicians, outcomes reported by scheduling. */
export class ClockEventWriter {
  constructor(private readonly ledger: PathwayLedger) {}

  /**
   * Resolves null when there is no such pathway; throws RttRuleViolation when the rules refuse the event and
   * ClockHistoryConflict when they would refuse an event already recorded after it.
   */
  recordClinicalEvent(
    pathwayId: string,
    recording: ClinicalClockEvent,
    recordedBy: string,
    transaction: Transaction<Tx, RecordedOnPathway | null>,
  ): Promise<RecordedOnPathway | null> {
    return transaction(async (tx) => {
      const pathway = await this.ledger.lock(tx, pathwayId);
      if (!pathway) return null;
      const recorded = await this.ledger.applyClockEvent(tx, pathway, recording.event, {
        ...timelineFields(recording.event),
        recordedBy,
        communicationEvidence: recording.communicationEvidence,
        note: recording.note,
      });
      return { ...recorded, patientId: pathway.patientId };
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
    transaction: Transaction<Tx, OutcomeApplied>,
  ): Promise<OutcomeApplied> {
    try {
      return await transaction(async (tx) => {
        const pathway = await this.ledger.lock(tx, delivery.pathwayId);
        if (!pathway) return null;
        if (await tx.pathwayEvent.findUnique({ where: { sourceEventId: delivery.eventId }, select: { id: true } }))
          return { applied: false };
        const { event } = delivery;
        const recorded = await this.ledger.applyClockEvent(tx, pathway, event, {
          kind: 'APPOINTMENT_OUTCOME',
          recordedBy,
          occurredAt: delivery.occurredAt,
          appointmentId: delivery.appointmentId,
          appointmentOutcome: event.outcome,
          firstAppointment: event.firstAppointment,
          dnaCommunicatedClearly: event.dnaCommunicatedClearly,
          communicationEvidence: delivery.communicationEvidence,
          backEntered: delivery.backEntered,
          sourceEventId: delivery.eventId,
        });
        return { applied: true, ...recorded, patientId: pathway.patientId } as const;
      });
    } catch (error) {
      // The same event id delivered for another pathway at the same moment: it was applied there.
      if (isUniqueViolation(error)) return { applied: false };
      throw error;
    }
  }
}

function timelineFields(
  event: ClinicalClockEvent['event'],
): Pick<TimelineEntryFields, 'kind' | 'admitted' | 'decisionToAdmit' | 'admissionWithoutTreatment'> {
  switch (event.kind) {
    case 'RTT_STATUS':
      return { kind: 'RTT_STATUS', admitted: event.admitted ?? false, decisionToAdmit: event.decisionToAdmit ?? false };
    case 'ADMISSION_WITHOUT_TREATMENT':
      return { kind: 'ADMISSION_WITHOUT_TREATMENT', admissionWithoutTreatment: event.admission };
  }
}
