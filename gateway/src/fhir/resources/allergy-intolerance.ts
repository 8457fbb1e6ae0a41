import type { AllergyIntolerance } from '@medplum/fhirtypes';
import { clinicalItemMeta, enteredInErrorVerification, provenanceFields, type ProvenanceNode } from './provenance.js';
import { practitionerReference, snomed } from './terminology.js';

export const allergyFields = `id category substance { conceptId term } reaction { conceptId term } severity status ${provenanceFields}`;

export interface AllergyNode extends ProvenanceNode {
  category: 'ALLERGY' | 'INTOLERANCE';
  substance: { conceptId: string; term: string };
  reaction: { conceptId: string; term: string } | null;
  severity: 'MILD' | 'MODERATE' | 'SEVERE';
  status: 'ACTIVE' | 'ENTERED_IN_ERROR';
}

const severity = { MILD: 'mild', MODERATE: 'moderate', SEVERE: 'severe' } as const;

/** An allergy or intolerance as a UK Core AllergyIntolerance. */
export function toFhirAllergyIntolerance(allergy: AllergyNode, patientId: string): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: allergy.id,
    meta: clinicalItemMeta('AllergyIntolerance', allergy),
    ...(allergy.status === 'ENTERED_IN_ERROR'
      ? { verificationStatus: enteredInErrorVerification('http://terminology.hl7.org/CodeSystem/allergyintolerance-verification') }
      : { clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] } }),
    type: allergy.category === 'ALLERGY' ? 'allergy' : 'intolerance',
    code: snomed(allergy.substance.conceptId, allergy.substance.term),
    patient: { reference: `Patient/${patientId}` },
    recordedDate: allergy.recordedAt,
    recorder: practitionerReference(allergy.author),
    // FHIR needs a manifestation for a reaction; ours may be unrecorded while its severity is known.
    reaction: [
      {
        manifestation: [allergy.reaction ? snomed(allergy.reaction.conceptId, allergy.reaction.term) : { text: 'Reaction not recorded' }],
        severity: severity[allergy.severity],
      },
    ],
  };
}
