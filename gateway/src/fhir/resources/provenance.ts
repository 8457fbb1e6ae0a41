import type { CodeableConcept, Meta } from '@medplum/fhirtypes';
import { ukCoreMeta } from './terminology.js';

/** Who recorded a clinical item, where and when, and how far it is sealed: asked with every item. */
export const provenanceFields = 'sealLevel author { id displayName } authoringOrganisation { odsCode name } recordedAt version';

export interface ProvenanceNode {
  id: string;
  sealLevel: string;
  author: { id: string; displayName: string };
  authoringOrganisation: { odsCode: string; name: string };
  recordedAt: string;
  version: number;
}

/** A clinical item's `meta`: its UK Core profile, seal label and version (the record keeps each earlier one). */
export function clinicalItemMeta(resourceType: string, item: ProvenanceNode): Meta {
  return { ...ukCoreMeta(resourceType, item.sealLevel), versionId: String(item.version) };
}

/** FHIR's verificationStatus for an entry made in error (Condition, AllergyIntolerance). */
export function enteredInErrorVerification(system: string): CodeableConcept {
  return { coding: [{ system, code: 'entered-in-error' }] };
}
