/** Who recorded a clinical item, where and when, and how far it is sealed: asked with every item. */
export const provenanceFields = 'sealLevel author { id displayName } authoringOrganisation { odsCode name } recordedAt';

export interface ProvenanceNode {
  id: string;
  sealLevel: string;
  author: { id: string; displayName: string };
  authoringOrganisation: { odsCode: string; name: string };
  recordedAt: string;
}
