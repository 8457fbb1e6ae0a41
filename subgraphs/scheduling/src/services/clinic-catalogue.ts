import type { Loaders } from '../data/loaders.js';
import type { ClinicRecord, ClinicStore, SessionTemplateRecord } from '../data/clinic-store.js';
import type { SlotRecord, SlotStore } from '../data/slot-store.js';
import type { QueryFreeSlotsArgs } from '../__generated__/resolvers-types.js';
import { freeSlotQuery } from '../domain/free-slot-search.js';

/** Reads of clinics, templates and slots (no patient data), batched per request. */
export class ClinicCatalogue {
  constructor(
    private readonly loaders: Loaders,
    private readonly clinics: ClinicStore,
    private readonly slots: SlotStore,
    private readonly now: () => Date,
  ) {}

  clinic(id: string): Promise<ClinicRecord | null> {
    return this.loaders.clinicById.load(id);
  }

  clinicsOf(organisation: string, service: string | null): Promise<ClinicRecord[]> {
    return this.clinics.findForOrganisation(organisation, service);
  }

  templatesOf(clinicId: string): Promise<SessionTemplateRecord[]> {
    return this.loaders.templatesByClinicId.load(clinicId);
  }

  slot(id: string): Promise<SlotRecord | null> {
    return this.loaders.slotById.load(id);
  }

  /** Forgets slots read earlier in this request, after a booking changed how many places they have left. */
  slotsChanged(...ids: string[]): void {
    for (const id of ids) this.loaders.slotById.clear(id);
  }

  freeSlots(args: QueryFreeSlotsArgs): Promise<SlotRecord[]> {
    return this.slots.findFree(freeSlotQuery(args, this.now()));
  }
}
