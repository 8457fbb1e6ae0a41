import type { RequestPolicy } from '@epr/platform';
import type { Loaders } from './loaders.js';
import type { PathwayRecord } from './data/pathway-store.js';
import type { ClinicalDocumentRecord } from './data/clinical-document-store.js';
import { isUuid } from './domain/input-rules.js';

/**
 * The one guarded path to letters and notes on pathways: clinical content, so `clinical.read` with a
 * legitimate relationship or emergency access; each document is also subject to the patient's consent
 * (do-not-share hides documents from other organisations, nominations restrict them).
 */
export class ClinicalDocumentAccess {
  constructor(
    private readonly loaders: Loaders,
    private readonly policy: RequestPolicy,
  ) {}

  async byId(id: string): Promise<ClinicalDocumentRecord | null> {
    if (!isUuid(id)) return null;
    const document = await this.loaders.documentById.load(id.toLowerCase());
    return document ? ((await this.visible([document]))[0] ?? null) : null;
  }

  async forPathway(pathway: PathwayRecord): Promise<ClinicalDocumentRecord[]> {
    await this.policy.require('clinical.read', pathway.patientId, 'document.read');
    return this.visible(await this.loaders.documentsByPathwayId.load(pathway.id));
  }

  private async visible(documents: ClinicalDocumentRecord[]): Promise<ClinicalDocumentRecord[]> {
    const items = await this.policy.filterItems(
      'clinical.read',
      documents.map((d) => ({
        ...d,
        itemRef: `PathwayDocument:${d.id}`,
        sealLevel: 'NONE' as const,
        authoringOrganisation: d.authorOrganisation,
        authoringTeamId: null,
        authorUserId: d.authorUserId,
      })),
      'document.read',
    );
    return items.map((visible) => visible.item);
  }
}
