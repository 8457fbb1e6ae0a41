import { recordOf, type PatientLocators } from '@epr/platform';
import type { AppointmentRecord } from './data/appointment-store.js';
import type { PatientRef } from './data/patient-ref.js';
import type { CancellationView } from './services/appointment-service.js';

/**
 * For every type with patient-bound fields: the patient an object of it belongs to. (A pathway key from
 * care-pathway cannot name its patient here; its fields only hand out appointments, each decided for its own.)
 */
export const patientOf: PatientLocators = {
  // The record being read: the survivor, whatever id (a merged duplicate's) the representation came with.
  Patient: (patient: PatientRef) => recordOf(patient).survivorId,
  Appointment: (appointment: AppointmentRecord) => appointment.patientId,
  Cancellation: (cancellation: CancellationView) => cancellation.patientId,
};
