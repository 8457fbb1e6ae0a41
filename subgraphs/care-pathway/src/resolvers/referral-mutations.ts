import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { validateReferral } from '../domain/referral-request.js';
import { validateTriage } from '../domain/triage-request.js';
import { calendarDateInEngland } from '../domain/rtt/calendar-date.js';
import { asApiError, notFound } from '../errors.js';

export const referralMutations: Pick<MutationResolvers, 'createReferral' | 'triageReferral'> = {
  createReferral: async (_parent, { input }, { writers, caller, audit }) => {
    const referral = validateReferral(input, calendarDateInEngland(new Date()));
    const created = await writers.referrals.receive(referral, caller.userId);
    audit.record({ action: 'referral.create', outcome: 'ALLOWED', patientId: created.patientId });
    return created;
  },

  triageReferral: async (_parent, { input }, ctx) => {
    const command = validateTriage(input);
    const referral = await ctx.referrals.byId(input.referralId);
    const pathway = referral && (await ctx.pathways.forReferral(referral.id));
    if (!referral || !pathway) throw notFound('No referral awaiting triage has this id.', 'input.referralId');
    try {
      const triaged = await ctx.writers.referrals.triage(
        referral,
        pathway.id,
        command,
        ctx.caller.userId,
        calendarDateInEngland(new Date()),
      );
      ctx.audit.record({ action: 'referral.triage', outcome: 'ALLOWED', patientId: triaged.patientId });
      ctx.refreshAfterWrite();
      return triaged;
    } catch (error) {
      throw asApiError(error, { rttStatus: 'input.decision', occurredOn: 'input.decision' });
    }
  },
};
