import type { PatientLocators } from '@epr/platform';
import type { PatientRecord, LocalIdentifierRecord } from './data/patient-store.js';
import type { ChangeRecord, ClinicalItemRecord } from './data/clinical-record-store.js';
import type { DuplicateCandidateRecord } from './data/duplicate-store.js';
import type { PatientMergeRecord } from './data/merge-store.js';
import type { AdmissionRecord } from './data/admission-store.js';
import type { SealedItemRecord } from './services/clinical-record-service.js';
import type { PatientConsent } from './services/access-service.js';
import type { AddressView, DocumentSectionView, HumanNameView, SnomedConceptView } from './services/views.js';

/**
 * For every type with patient-bound fields: the patient an object of it belongs to. The shield rules ask the
 * policy engine about that patient for every such field, wherever the object is reached from.
 */
export const patientOf: PatientLocators = {
  Patient: (patient: PatientRecord) => patient.id,
  HumanName: (name: HumanNameView) => name.patientId,
  Address: (address: AddressView) => address.patientId,
  LocalIdentifier: (identifier: LocalIdentifierRecord) => identifier.patientId,
  ConsentSettings: (consent: PatientConsent) => consent.patientId,
  SealedItem: (item: SealedItemRecord) => item.patientId,
  Problem: (item: ClinicalItemRecord) => item.patientId,
  Allergy: (item: ClinicalItemRecord) => item.patientId,
  Medication: (item: ClinicalItemRecord) => item.patientId,
  ClinicalDocument: (item: ClinicalItemRecord) => item.patientId,
  ClinicalItemChange: (change: ChangeRecord) => change.patientId,
  SnomedConcept: (concept: SnomedConceptView) => concept.patientId,
  DocumentSection: (section: DocumentSectionView) => section.patientId,
  PatientSearchEdge: (edge: { node: PatientRecord }) => edge.node.id,
  DuplicateCandidate: (candidate: DuplicateCandidateRecord) => candidate.firstPatientId,
  DuplicateCandidateEdge: (edge: { node: DuplicateCandidateRecord }) => edge.node.firstPatientId,
  PatientMerge: (merge: PatientMergeRecord) => merge.survivorId,
  Admission: (admission: AdmissionRecord) => admission.patientId,
};
