import type { PatientLocators } from '@epr/platform';
import type { AccessEventRecord } from './data/access-event-store.js';
import type { PatientRef } from './data/patient-ref.js';

/**
 * For every type with patient-bound fields: the patient an object of it belongs to. A patient's access log is
 * decided for that patient (their own record, for a patient in the portal).
 */
export const patientOf: PatientLocators = {
  Patient: (patient: PatientRef) => patient.id,
  RecordAccess: (event: AccessEventRecord) => event.patientId,
  RecordAccessEdge: (edge: { node: AccessEventRecord }) => edge.node.patientId,
};
