import type { ServiceClient } from '@epr/platform';
import type { DeliverOutcome } from './outcome-relay.js';

const recordAppointmentOutcome = `
  mutation RecordAppointmentOutcome($input: AppointmentOutcomeInput!) {
    recordAppointmentOutcome(input: $input) { eventId applied }
  }`;

interface Receipt {
  recordAppointmentOutcome: { eventId: string; applied: boolean };
}

/**
 * Delivery through care-pathway's internal `recordAppointmentOutcome` (idempotent on eventId), called in
 * scheduling's own name. The eventId doubles as the request id, so both services' logs of every attempt at
 * one event can be found together.
 */
export function deliverToCarePathway(client: ServiceClient): DeliverOutcome {
  return async ({ eventId, payload }) => {
    const { pathwayId, appointmentId, outcome, firstAppointment, dnaCommunicatedClearly, occurredAt } = payload;
    // Events queued before evidence and back-entry were sent carry neither.
    const communicationEvidence = payload.communicationEvidence ?? null;
    const backEntered = payload.backEntered ?? false;
    const input = {
      eventId,
      pathwayId,
      appointmentId,
      outcome,
      firstAppointment,
      dnaCommunicatedClearly,
      communicationEvidence,
      backEntered,
      occurredAt,
    };
    const receipt = await client.request<Receipt>('care-pathway', recordAppointmentOutcome, { input }, eventId);
    return { applied: receipt.recordAppointmentOutcome.applied };
  };
}
