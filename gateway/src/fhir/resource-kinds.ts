import type { Resource } from '@medplum/fhirtypes';
import { allergyFields, toFhirAllergyIntolerance, type AllergyNode } from './resources/allergy-intolerance.js';
import { appointmentFields, toFhirAppointment, type AppointmentNode } from './resources/appointment.js';
import { problemFields, toFhirCondition, type ProblemNode } from './resources/condition.js';
import { medicationFields, toFhirMedicationStatement, type MedicationNode } from './resources/medication-statement.js';
import { patientFields, toFhirPatient, type PatientNode } from './resources/patient.js';
import { referralFields, toFhirServiceRequest, type ReferralNode } from './resources/service-request.js';

/** A resource type the façade serves from one of a patient's lists (`Condition?patient=`, `$everything`). */
export interface PatientList {
  /** The Patient field holding the list, for example `problems`. */
  field: string;
  fields: string;
  toFhir: (node: never, patientId: string) => Resource;
}

/** In the order `$everything` lists them, after the Patient. */
export const patientLists = {
  Condition: { field: 'problems', fields: problemFields, toFhir: (n: ProblemNode, p: string) => toFhirCondition(n, p) },
  AllergyIntolerance: { field: 'allergies', fields: allergyFields, toFhir: (n: AllergyNode, p: string) => toFhirAllergyIntolerance(n, p) },
  MedicationStatement: {
    field: 'medications',
    fields: medicationFields,
    toFhir: (n: MedicationNode, p: string) => toFhirMedicationStatement(n, p),
  },
  ServiceRequest: { field: 'referrals', fields: referralFields, toFhir: (n: ReferralNode) => toFhirServiceRequest(n) },
  Appointment: { field: 'appointments', fields: appointmentFields, toFhir: (n: AppointmentNode) => toFhirAppointment(n) },
} satisfies Record<string, PatientList>;

export type PatientListType = keyof typeof patientLists;

/** A resource type the façade reads by id, and the query field that finds one. */
export interface SingleRead {
  root: string;
  fields: string;
  toFhir: (node: never) => Resource;
}

const withPatient = (fields: string) => `${fields} patient { id }`;

export const singleReads = {
  Patient: { root: 'patient', fields: patientFields, toFhir: (n: PatientNode) => toFhirPatient(n) },
  Condition: {
    root: 'problem',
    fields: withPatient(problemFields),
    toFhir: (n: ProblemNode & { patient: { id: string } }) => toFhirCondition(n, n.patient.id),
  },
  AllergyIntolerance: {
    root: 'allergy',
    fields: withPatient(allergyFields),
    toFhir: (n: AllergyNode & { patient: { id: string } }) => toFhirAllergyIntolerance(n, n.patient.id),
  },
  MedicationStatement: {
    root: 'medication',
    fields: withPatient(medicationFields),
    toFhir: (n: MedicationNode & { patient: { id: string } }) => toFhirMedicationStatement(n, n.patient.id),
  },
  ServiceRequest: { root: 'referral', fields: referralFields, toFhir: (n: ReferralNode) => toFhirServiceRequest(n) },
  Appointment: { root: 'appointment', fields: appointmentFields, toFhir: (n: AppointmentNode) => toFhirAppointment(n) },
  AuditEvent: { root: 'accessEvent', fields: 'fhir', toFhir: (n: { fhir: Resource }) => n.fhir },
} satisfies Record<string, SingleRead>;

export type SingleReadType = keyof typeof singleReads;
