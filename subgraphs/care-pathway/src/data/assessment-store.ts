import type { Transaction } from '@epr/platform';
import type { Db, Tx } from './prisma.js';
import type { AssessmentStatus, SealLevel } from '../__generated__/prisma/client.js';
import type { CalendarDate } from '../domain/rtt/calendar-date.js';
import type { ClinicalAuthorRecord } from './clinical-author.js';
import type { PathwayLedger } from './pathway-ledger.js';
import { StateConflict } from './state-conflict.js';

export interface AssessmentRecord {
  id: string;
  pathwayId: string;
  patientId: string;
  title: string;
  status: AssessmentStatus;
  createdBy: string;
  createdAt: Date;
  signedOffBy: string | null;
  signedOffJobRoleCode: string | null;
  signedOffOrganisation: string | null;
  signedOffAt: Date | null;
}

export interface ContributionRecord {
  id: string;
  assessmentId: string;
  patientId: string;
  discipline: string;
  content: string;
  sealLevel: SealLevel;
  authorUserId: string;
  authorJobRoleCode: string;
  authorOrganisation: string;
  createdAt: Date;
}

export interface NewContribution {
  discipline: string;
  content: string;
  sealLevel: SealLevel;
}

const assessmentColumns = {
  id: true,
  pathwayId: true,
  patientId: true,
  title: true,
  status: true,
  createdBy: true,
  createdAt: true,
  signedOffBy: true,
  signedOffJobRoleCode: true,
  signedOffOrganisation: true,
  signedOffAt: true,
} as const;

const contributionColumns = {
  id: true,
  assessmentId: true,
  patientId: true,
  discipline: true,
  content: true,
  sealLevel: true,
  authorUserId: true,
  authorJobRoleCode: true,
  authorOrganisation: true,
  createdAt: true,
} as const;

/**
 * Multi-disciplinary assessments. Batch reads cost one SQL statement; a contribution or sign-off locks the
 * assessment row so a contribution cannot slip in after sign-off.
 */
export class AssessmentStore {
  constructor(
    private readonly db: Db,
    private readonly ledger: PathwayLedger,
  ) {}

  findByIds(ids: readonly string[]): Promise<AssessmentRecord[]> {
    return this.db.assessment.findMany({ where: { id: { in: [...ids] } }, select: assessmentColumns });
  }

  findByPathwayIds(pathwayIds: readonly string[]): Promise<AssessmentRecord[]> {
    return this.db.assessment.findMany({
      where: { pathwayId: { in: [...pathwayIds] } },
      select: assessmentColumns,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  contributionsOf(assessmentIds: readonly string[]): Promise<ContributionRecord[]> {
    return this.db.assessmentContribution.findMany({
      where: { assessmentId: { in: [...assessmentIds] } },
      select: contributionColumns,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  start(
    pathway: { id: string; patientId: string },
    title: string,
    createdBy: string,
    transaction: Transaction<Tx, AssessmentRecord>,
  ): Promise<AssessmentRecord> {
    return transaction((tx) =>
      tx.assessment.create({ data: { pathwayId: pathway.id, patientId: pathway.patientId, title, createdBy }, select: assessmentColumns }),
    );
  }

  /** Throws StateConflict when the assessment has been signed off. */
  contribute(
    assessment: AssessmentRecord,
    contribution: NewContribution,
    author: ClinicalAuthorRecord,
    transaction: Transaction<Tx, ContributionRecord>,
  ): Promise<ContributionRecord> {
    return transaction(async (tx) => {
      await this.requireOpen(tx, assessment.id);
      return tx.assessmentContribution.create({
        data: {
          ...contribution,
          assessmentId: assessment.id,
          patientId: assessment.patientId,
          authorUserId: author.userId,
          authorRoleProfileId: author.roleProfileId,
          authorJobRoleCode: author.jobRoleCode,
          authorOrganisation: author.organisation,
        },
        select: contributionColumns,
      });
    });
  }

  /** Signs off an open assessment that has contributions, and puts the sign-off on the pathway's timeline. */
  signOff(
    assessment: AssessmentRecord,
    author: ClinicalAuthorRecord,
    today: CalendarDate,
    transaction: Transaction<Tx, AssessmentRecord>,
  ): Promise<AssessmentRecord> {
    return transaction(async (tx) => {
      const pathway = await this.ledger.lock(tx, assessment.pathwayId);
      await this.requireOpen(tx, assessment.id);
      if ((await tx.assessmentContribution.count({ where: { assessmentId: assessment.id } })) === 0) {
        throw new StateConflict('An assessment needs at least one contribution before it can be signed off.');
      }
      if (pathway)
        await this.ledger.addEntry(tx, pathway, {
          kind: 'ASSESSMENT_SIGNED_OFF',
          occurredOn: today,
          recordedBy: author.userId,
          assessmentId: assessment.id,
        });
      return tx.assessment.update({
        where: { id: assessment.id },
        data: {
          status: 'SIGNED_OFF',
          signedOffBy: author.userId,
          signedOffJobRoleCode: author.jobRoleCode,
          signedOffOrganisation: author.organisation,
          signedOffAt: new Date(),
        },
        select: assessmentColumns,
      });
    });
  }

  private async requireOpen(tx: Tx, assessmentId: string): Promise<void> {
    const [row] = await tx.$queryRaw<
      { status: string }[]
    >`SELECT status::text AS "status" FROM assessment WHERE id = ${assessmentId}::uuid FOR UPDATE`;
    if (row?.status !== 'OPEN') throw new StateConflict('This assessment has been signed off and takes no more contributions.');
  }
}
