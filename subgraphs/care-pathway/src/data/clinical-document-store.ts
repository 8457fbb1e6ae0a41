import type { Transaction } from '@epr/platform';
import type { Db, Tx } from './prisma.js';
import type { ClinicalDocumentKind } from '../__generated__/prisma/client.js';
import type { CalendarDate } from '../domain/rtt/calendar-date.js';
import type { ClinicalAuthorRecord } from './clinical-author.js';
import type { PathwayLedger } from './pathway-ledger.js';

export interface ClinicalDocumentRecord {
  id: string;
  pathwayId: string;
  patientId: string;
  kind: ClinicalDocumentKind;
  title: string;
  body: string;
  authorUserId: string;
  authorJobRoleCode: string;
  authorOrganisation: string;
  createdAt: Date;
}

export interface NewClinicalDocument {
  kind: ClinicalDocumentKind;
  title: string;
  body: string;
}

const columns = {
  id: true,
  pathwayId: true,
  patientId: true,
  kind: true,
  title: true,
  body: true,
  authorUserId: true,
  authorJobRoleCode: true,
  authorOrganisation: true,
  createdAt: true,
} as const;

/** Letters and notes on pathways. Batch reads cost one SQL statement. */
export class ClinicalDocumentStore {
  constructor(
    private readonly db: Db,
    private readonly ledger: PathwayLedger,
  ) {}

  findByIds(ids: readonly string[]): Promise<ClinicalDocumentRecord[]> {
    return this.db.clinicalDocument.findMany({ where: { id: { in: [...ids] } }, select: columns });
  }

  findByPathwayIds(pathwayIds: readonly string[]): Promise<ClinicalDocumentRecord[]> {
    return this.db.clinicalDocument.findMany({
      where: { pathwayId: { in: [...pathwayIds] } },
      select: columns,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
  }

  /** Adds the document and its timeline entry together; null when there is no such pathway. */
  add(
    pathwayId: string,
    document: NewClinicalDocument,
    author: ClinicalAuthorRecord,
    today: CalendarDate,
    transaction: Transaction<Tx, ClinicalDocumentRecord | null>,
  ): Promise<ClinicalDocumentRecord | null> {
    return transaction(async (tx) => {
      const pathway = await this.ledger.lock(tx, pathwayId);
      if (!pathway) return null;
      const created = await tx.clinicalDocument.create({
        data: {
          ...document,
          pathwayId,
          patientId: pathway.patientId,
          authorUserId: author.userId,
          authorRoleProfileId: author.roleProfileId,
          authorJobRoleCode: author.jobRoleCode,
          authorOrganisation: author.organisation,
        },
        select: columns,
      });
      await this.ledger.addEntry(tx, pathway, {
        kind: 'DOCUMENT_ADDED',
        occurredOn: today,
        recordedBy: author.userId,
        documentId: created.id,
      });
      return created;
    });
  }
}
