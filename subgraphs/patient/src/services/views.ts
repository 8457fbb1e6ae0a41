/*
 * Parts of a patient's record as the API shows them. Each carries the patient it belongs to, so the shield rule
 * of every one of its fields can ask the policy engine about that patient — wherever the part is reached from.
 */

export interface HumanNameView {
  patientId: string;
  given: string;
  family: string;
}

export interface AddressView {
  patientId: string;
  lines: string[];
  postcode: string | null;
}

export interface SnomedConceptView {
  patientId: string;
  conceptId: string;
  term: string;
}

export interface DocumentSectionView {
  patientId: string;
  title: string;
  text: string;
}
