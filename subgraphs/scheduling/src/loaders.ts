import DataLoader from 'dataloader';
import { groupByKeys, orderByKeys } from '@epr/platform';
import type { AppointmentRecord, AppointmentStore } from './data/appointment-store.js';

/** Per-request loaders: one SQL statement a batch. */
export interface Loaders {
  appointmentById: DataLoader<string, AppointmentRecord | null>;
  appointmentsByPatientId: DataLoader<string, AppointmentRecord[]>;
}

export function createLoaders(appointments: AppointmentStore): Loaders {
  return {
    appointmentById: new DataLoader(async (ids) => orderByKeys(ids, await appointments.findByIds(ids), (a) => a.id)),
    appointmentsByPatientId: new DataLoader(async (ids) =>
      groupByKeys(ids, await appointments.findByPatientIds(ids), (a) => a.patientId),
    ),
  };
}
