import { oneShownAs, shownAs } from '@epr/platform';
import type { PathwayRecord } from '../data/pathway-store.js';
import type { ClinicalDocumentRecord, ClinicalDocumentStore } from '../data/clinical-document-store.js';
import { authorOf } from '../data/clinical-author.js';
import { isUuid } from '../domain/input-rules.js';
import { validateDocument } from '../domain/clinical-entry-request.js';
import { calendarDateInEngland } from '../domain/rtt/calendar-date.js';
import { notFound } from '../errors.js';
import type { PathwayService } from './pathway-service.js';
import type { ServiceRequest } from './request.js';

/**
 * Letters and notes on pathways: clinical content, so `clinical.read` with a legitimate relationship or
 * emergency access; each document is also subject to the patient's consent (do-not-share hides documents from
 * other organisations, nominations restrict them).
 */
export class PathwayDocumentService {
  constructor(
    private readonly request: ServiceRequest,
    private readonly store: ClinicalDocumentStore,
    private readonly pathways: PathwayService,
  ) {}

  async byId(id: string): Promise<ClinicalDocumentRecord | null> {
    if (!isUuid(id)) return null;
    const document = await this.request.loaders.documentById.load(id.toLowerCase());
    return document ? ((await this.visible([document]))[0] ?? null) : null;
  }

  /** The document a timeline entry names, shown as the entry's patient's (as the pathway it is on). */
  async onTimeline(entry: { documentId: string | null; patientId: string }): Promise<ClinicalDocumentRecord | null> {
    if (entry.documentId === null) return null;
    const document = oneShownAs(entry.patientId, await this.request.loaders.documentById.load(entry.documentId));
    return document ? ((await this.visible([document]))[0] ?? null) : null;
  }

  async forPathway(pathway: PathwayRecord): Promise<ClinicalDocumentRecord[]> {
    const { policy, loaders } = this.request;
    await policy.require('clinical.read', pathway.patientId, 'document.read');
    return this.visible(shownAs(pathway.patientId, await loaders.documentsByPathwayId.load(pathway.id)));
  }

  async add(input: {
    pathwayId: string;
    kind: ClinicalDocumentRecord['kind'];
    title: string;
    body: string;
  }): Promise<ClinicalDocumentRecord> {
    const { policy, writes, caller, now, forgetReads } = this.request;
    const document = validateDocument(input);
    const pathway = await this.pathways.byId(input.pathwayId);
    if (!pathway) throw notFound('No pathway has this id.', 'input.pathwayId');
    await policy.require('clinical.write', pathway.patientId, 'document.create');
    const added = await this.store.add(
      pathway.id,
      document,
      authorOf(caller),
      calendarDateInEngland(now()),
      writes.for((created) =>
        created
          ? [{ action: 'document.create', outcome: 'ALLOWED', patientId: pathway.patientId, items: [`PathwayDocument:${created.id}`] }]
          : [],
      ),
    );
    if (!added) throw notFound('No pathway has this id.', 'input.pathwayId');
    forgetReads();
    return added;
  }

  private async visible(documents: ClinicalDocumentRecord[]): Promise<ClinicalDocumentRecord[]> {
    const items = await this.request.policy.filterItems(
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
