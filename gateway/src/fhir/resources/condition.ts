import type { Condition } from '@medplum/fhirtypes';
import { provenanceFields, type ProvenanceNode } from './provenance.js';
import { practitionerReference, snomed, ukCoreMeta } from './terminology.js';

export const problemFields = `id code { conceptId term } onsetDate status ${provenanceFields}`;

export interface ProblemNode extends ProvenanceNode {
  code: { conceptId: string; term: string };
  onsetDate: string | null;
  status: 'ACTIVE' | 'INACTIVE' | 'RESOLVED';
}

const clinicalStatus = { ACTIVE: 'active', INACTIVE: 'inactive', RESOLVED: 'resolved' } as const;

/** A problem-list entry as a UK Core Condition. */
export function toFhirCondition(problem: ProblemNode, patientId: string): Condition {
  return {
    resourceType: 'Condition',
    id: problem.id,
    meta: ukCoreMeta('Condition', problem.sealLevel),
    clinicalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: clinicalStatus[problem.status] }],
    },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
    code: snomed(problem.code.conceptId, problem.code.term),
    subject: { reference: `Patient/${patientId}` },
    ...(problem.onsetDate ? { onsetDateTime: problem.onsetDate } : {}),
    recordedDate: problem.recordedAt,
    recorder: practitionerReference(problem.author),
  };
}
