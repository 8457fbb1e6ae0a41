import type { Condition } from '@medplum/fhirtypes';
import { clinicalItemMeta, enteredInErrorVerification, provenanceFields, type ProvenanceNode } from './provenance.js';
import { practitionerReference, snomed } from './terminology.js';

export const problemFields = `id code { conceptId term } onsetDate status resolvedOn ${provenanceFields}`;

export interface ProblemNode extends ProvenanceNode {
  code: { conceptId: string; term: string };
  onsetDate: string | null;
  status: 'ACTIVE' | 'INACTIVE' | 'RESOLVED' | 'ENTERED_IN_ERROR';
  resolvedOn: string | null;
}

const clinicalStatus = { ACTIVE: 'active', INACTIVE: 'inactive', RESOLVED: 'resolved' } as const;

/**
 * A problem-list entry as a UK Core Condition. One entered in error (read by id by its authors) has the
 * verificationStatus `entered-in-error` and, as FHIR requires, no clinicalStatus.
 */
export function toFhirCondition(problem: ProblemNode, patientId: string): Condition {
  return {
    resourceType: 'Condition',
    id: problem.id,
    meta: clinicalItemMeta('Condition', problem),
    ...(problem.status === 'ENTERED_IN_ERROR'
      ? { verificationStatus: enteredInErrorVerification('http://terminology.hl7.org/CodeSystem/condition-ver-status') }
      : {
          clinicalStatus: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: clinicalStatus[problem.status] }],
          },
        }),
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
    code: snomed(problem.code.conceptId, problem.code.term),
    subject: { reference: `Patient/${patientId}` },
    ...(problem.onsetDate ? { onsetDateTime: problem.onsetDate } : {}),
    ...(problem.resolvedOn ? { abatementDateTime: problem.resolvedOn } : {}),
    recordedDate: problem.recordedAt,
    recorder: practitionerReference(problem.author),
  };
}
