import { toIsoDate } from '@epr/platform';
import type { ClinicResolvers, SessionTemplateResolvers, SlotResolvers } from '../__generated__/resolvers-types.js';
import { formatClockTime } from '../domain/london-time.js';

export const Clinic: ClinicResolvers = {
  __resolveReference: (reference, { catalogue }) => catalogue.clinic(reference.id),
  sessionTemplates: (clinic, _args, { catalogue }) => catalogue.templatesOf(clinic.id),
};

export const SessionTemplate: SessionTemplateResolvers = {
  startTime: (template) => formatClockTime(template.startMinute),
  validFrom: (template) => toIsoDate(template.validFrom),
  validUntil: (template) => (template.validUntil ? toIsoDate(template.validUntil) : null),
};

export const Slot: SlotResolvers = {
  __resolveReference: (reference, { catalogue }) => catalogue.slot(reference.id),
  clinic: async (slot, _args, { catalogue }) => {
    const clinic = await catalogue.clinic(slot.clinicId);
    // A foreign key ties every slot to its clinic.
    if (!clinic) throw new Error(`Slot ${slot.id} has no clinic ${slot.clinicId}.`);
    return clinic;
  },
  startsAt: (slot) => slot.startsAt.toISOString(),
  remaining: (slot) => slot.capacity - slot.bookedCount,
};
