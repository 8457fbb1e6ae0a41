import DataLoader from 'dataloader';
import { groupByKeys, orderByKeys, recordListLoader } from '@epr/platform';
import type { AppointmentRecord, AppointmentStore } from './appointment-store.js';
import type { ClinicRecord, ClinicStore, SessionTemplateRecord } from './clinic-store.js';
import type { SlotRecord, SlotStore } from './slot-store.js';
import { isUuid } from '../domain/input.js';

/** Per-request loaders: one SQL statement a batch. */
export interface Loaders {
  appointmentById: DataLoader<string, AppointmentRecord | null>;
  /** A patient record's appointments, keyed by every patient id it is filed under (merged duplicates included). */
  appointmentsByRecord: DataLoader<readonly string[], AppointmentRecord[], string>;
  appointmentsByPathwayId: DataLoader<string, AppointmentRecord[]>;
  clinicById: DataLoader<string, ClinicRecord | null>;
  templatesByClinicId: DataLoader<string, SessionTemplateRecord[]>;
  slotById: DataLoader<string, SlotRecord | null>;
}

export interface Stores {
  appointments: AppointmentStore;
  clinics: ClinicStore;
  slots: SlotStore;
}

/** Keys that are not UUIDs name nothing; they are answered (null or empty) without reaching the database. */
function uuidsOf(keys: readonly string[]): string[] {
  return keys.filter(isUuid);
}

export function createLoaders({ appointments, clinics, slots }: Stores): Loaders {
  return {
    appointmentById: new DataLoader(async (ids) => orderByKeys(ids, await appointments.findByIds(uuidsOf(ids)), (a) => a.id)),
    appointmentsByRecord: recordListLoader((ids) => appointments.findByPatientIds(uuidsOf(ids))),
    appointmentsByPathwayId: new DataLoader(async (ids) =>
      groupByKeys(ids, await appointments.findByPathwayIds(uuidsOf(ids)), (a) => a.pathwayId ?? ''),
    ),
    clinicById: new DataLoader(async (ids) => orderByKeys(ids, await clinics.findByIds(uuidsOf(ids)), (c) => c.id)),
    templatesByClinicId: new DataLoader(async (ids) =>
      groupByKeys(ids, await clinics.findTemplatesByClinicIds(uuidsOf(ids)), (t) => t.clinicId),
    ),
    slotById: new DataLoader(async (ids) => orderByKeys(ids, await slots.findByIds(uuidsOf(ids)), (s) => s.id)),
  };
}
