import type { MedicationStatement } from '@medplum/fhirtypes';
import { clinicalItemMeta, provenanceFields, type ProvenanceNode } from './provenance.js';
import { practitionerReference, snomed } from './terminology.js';

export const medicationFields = `id medicine { conceptId term } dosage status startDate endDate ${provenanceFields}`;

export interface MedicationNode extends ProvenanceNode {
  medicine: { conceptId: string; term: string };
  dosage: string;
  status: 'ACTIVE' | 'STOPPED' | 'ENTERED_IN_ERROR';
  startDate: string | null;
  endDate: string | null;
}

const medicationStatus = { ACTIVE: 'active', STOPPED: 'stopped', ENTERED_IN_ERROR: 'entered-in-error' } as const;

/** A medication as a UK Core MedicationStatement (dm+d concepts are SNOMED CT concepts). */
export function toFhirMedicationStatement(medication: MedicationNode, patientId: string): MedicationStatement {
  const period = {
    ...(medication.startDate ? { start: medication.startDate } : {}),
    ...(medication.endDate ? { end: medication.endDate } : {}),
  };
  return {
    resourceType: 'MedicationStatement',
    id: medication.id,
    meta: clinicalItemMeta('MedicationStatement', medication),
    status: medicationStatus[medication.status],
    medicationCodeableConcept: snomed(medication.medicine.conceptId, medication.medicine.term),
    subject: { reference: `Patient/${patientId}` },
    ...(Object.keys(period).length ? { effectivePeriod: period } : {}),
    dateAsserted: medication.recordedAt,
    informationSource: practitionerReference(medication.author),
    dosage: [{ text: medication.dosage }],
  };
}
