import { badUserInput, writeAction } from '@epr/platform';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { isUuid, requireText } from '../domain/input-rules.js';
import { parseAppointmentOutcome, parseRttEventRequest } from '../domain/rtt-event-request.js';
import { calendarDateInEngland } from '../domain/rtt/calendar-date.js';
import { asApiError, notFound } from '../errors.js';

export const pathwayMutations: Pick<MutationResolvers, 'recordRttEvent' | 'recordAppointmentOutcome'> = {
  recordRttEvent: async (_parent, { input }, ctx) => {
    const recording = parseRttEventRequest(input, calendarDateInEngland(new Date()));
    const pathway = await ctx.pathways.byId(input.pathwayId);
    if (!pathway) throw notFound('No pathway has this id.', 'input.pathwayId');
    const recorded = await ctx.writers.clock.recordClinicalEvent(pathway.id, recording, ctx.caller.userId).catch((error: unknown) => {
      throw asApiError(error);
    });
    if (!recorded) throw notFound('No pathway has this id.', 'input.pathwayId');
    ctx.audit.record({ action: writeAction('pathway.rtt-event', recorded.backEntered), outcome: 'ALLOWED', patientId: pathway.patientId });
    ctx.refreshAfterWrite();
    return (await ctx.pathways.byId(pathway.id)) ?? pathway;
  },

  recordAppointmentOutcome: async (_parent, { input }, ctx) => {
    const eventId = requireText(input.eventId, 'input.eventId', 'The event id', 200);
    if (!isUuid(input.appointmentId)) throw badUserInput('appointmentId must be a scheduling appointment id.', 'input.appointmentId');
    if (!isUuid(input.pathwayId)) throw notFound('No pathway has this id.', 'input.pathwayId');
    const outcome = parseAppointmentOutcome(input, new Date());
    try {
      const result = await ctx.writers.clock.recordAppointmentOutcome(
        { ...outcome, eventId, pathwayId: input.pathwayId.toLowerCase(), appointmentId: input.appointmentId.toLowerCase() },
        ctx.caller.userId,
      );
      if (!result) throw notFound('No pathway has this id.', 'input.pathwayId');
      if (result.applied) {
        const action = writeAction('pathway.appointment-outcome', result.backEntered);
        ctx.audit.record({ action, outcome: 'ALLOWED', patientId: result.patientId });
      }
      return { eventId, applied: result.applied };
    } catch (error) {
      throw asApiError(error, { occurredOn: 'input.occurredAt', outcome: 'input.outcome', rttStatus: 'input.outcome' });
    }
  },
};
