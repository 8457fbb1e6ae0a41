import { badUserInput } from '@epr/platform';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { isUuid, requireText } from '../domain/input-rules.js';
import { parseAppointmentOutcome, parseRttEventRequest } from '../domain/rtt-event-request.js';
import { calendarDateInEngland } from '../domain/rtt/calendar-date.js';
import { asApiError, notFound } from '../errors.js';

export const pathwayMutations: Pick<MutationResolvers, 'recordRttEvent' | 'recordAppointmentOutcome'> = {
  recordRttEvent: async (_parent, { input }, ctx) => {
    const { event, note } = parseRttEventRequest(input, calendarDateInEngland(new Date()));
    const pathway = await ctx.pathways.byId(input.pathwayId);
    if (!pathway) throw notFound('No pathway has this id.', 'input.pathwayId');
    const recorded = await ctx.writers.clock.recordRttStatus(pathway.id, event, note, ctx.caller.userId).catch((error: unknown) => {
      throw asApiError(error);
    });
    if (!recorded) throw notFound('No pathway has this id.', 'input.pathwayId');
    ctx.audit.record({ action: 'pathway.rtt-event', outcome: 'ALLOWED', patientId: pathway.patientId });
    ctx.refreshAfterWrite();
    return (await ctx.pathways.byId(pathway.id)) ?? pathway;
  },

  recordAppointmentOutcome: async (_parent, { input }, ctx) => {
    const eventId = requireText(input.eventId, 'input.eventId', 'The event id', 200);
    if (!isUuid(input.appointmentId)) throw badUserInput('appointmentId must be a scheduling appointment id.', 'input.appointmentId');
    if (!isUuid(input.pathwayId)) throw notFound('No pathway has this id.', 'input.pathwayId');
    const { event, occurredAt } = parseAppointmentOutcome(input, new Date());
    try {
      const result = await ctx.writers.clock.recordAppointmentOutcome(
        { eventId, pathwayId: input.pathwayId.toLowerCase(), appointmentId: input.appointmentId.toLowerCase(), occurredAt, event },
        ctx.caller.userId,
      );
      if (!result) throw notFound('No pathway has this id.', 'input.pathwayId');
      if (result.applied) ctx.audit.record({ action: 'pathway.appointment-outcome', outcome: 'ALLOWED', patientId: result.patientId });
      return { eventId, applied: result.applied };
    } catch (error) {
      throw asApiError(error, { occurredOn: 'input.occurredAt', outcome: 'input.outcome', rttStatus: 'input.outcome' });
    }
  },
};
