import type { Transaction } from '@epr/platform';
import type { Prisma } from '../__generated__/prisma/client.js';
import type { ScoreCursor } from '../domain/pagination.js';
import { duplicateThreshold } from '../domain/match-score.js';
import type { PatientRecord } from './patient-store.js';
import type { Db, Tx } from './prisma.js';
import { searchPatients } from './search/patient-search.js';

const candidateColumns = {
  id: true,
  firstPatientId: true,
  secondPatientId: true,
  score: true,
  status: true,
  detectedAt: true,
} as const satisfies Prisma.DuplicateCandidateSelect;

export type DuplicateCandidateRecord = Prisma.DuplicateCandidateGetPayload<{ select: typeof candidateColumns }>;

// Both patients still current: a pair with a merged-away side is settled or moot.
const bothCurrent = { firstPatient: { replacedById: null }, secondPatient: { replacedById: null } } as const;

// A registration reports the likeliest few; a long list of weak look-alikes would only be noise.
const candidatesPerPatient = 10;

/** The data quality worklist of likely duplicates, and the detection that fills it. */
export class DuplicateStore {
  constructor(private readonly db: Db) {}

  /**
   * Looks for existing patients likely to be `patient` (same search as clinicians use, scored from 0.8 up) and
   * keeps each pair as an open candidate; a pair already known keeps its status (a dismissed pair stays dismissed).
   */
  async detect(tx: Tx, patient: PatientRecord): Promise<void> {
    const matches = await searchPatients(
      tx,
      { familyName: patient.familyName, givenName: patient.givenName, birthDate: patient.birthDate, postcode: patient.postcode },
      {
        limit: candidatesPerPatient,
        after: null,
        minScore: duplicateThreshold,
        excludePatientId: patient.id,
        onlyWithoutNhsNumber: patient.nhsNumber !== null,
      },
    );
    if (matches.length === 0) return;
    await tx.duplicateCandidate.createMany({
      data: matches.map((match) => ({ ...orderedPair(patient.id, match.patient.id), score: match.score })),
      skipDuplicates: true,
    });
  }

  findByIds(ids: readonly string[]): Promise<DuplicateCandidateRecord[]> {
    return this.db.duplicateCandidate.findMany({ where: { id: { in: [...ids] } }, select: candidateColumns });
  }

  /** Open candidates involving any of `patientIds`, most likely first. */
  openFor(patientIds: readonly string[]): Promise<DuplicateCandidateRecord[]> {
    const ids = [...patientIds];
    return this.db.duplicateCandidate.findMany({
      where: { status: 'OPEN', ...bothCurrent, OR: [{ firstPatientId: { in: ids } }, { secondPatientId: { in: ids } }] },
      select: candidateColumns,
      orderBy: [{ score: 'desc' }, { id: 'asc' }],
    });
  }

  /** One page of the worklist: open candidates from `minScore` up, most likely first, after `after`. */
  worklist(minScore: number, limit: number, after: ScoreCursor | null): Promise<DuplicateCandidateRecord[]> {
    return this.db.duplicateCandidate.findMany({
      where: {
        status: 'OPEN',
        score: { gte: minScore },
        ...bothCurrent,
        ...(after && { OR: [{ score: { lt: after.score } }, { score: after.score, id: { gt: after.id } }] }),
      },
      select: candidateColumns,
      orderBy: [{ score: 'desc' }, { id: 'asc' }],
      take: limit,
    });
  }

  /** Marks a candidate as two different people; null when there is no such candidate. */
  dismiss(
    id: string,
    reviewerId: string,
    transaction: Transaction<Tx, DuplicateCandidateRecord | null>,
  ): Promise<DuplicateCandidateRecord | null> {
    return transaction(async (tx) => {
      const { count } = await tx.duplicateCandidate.updateMany({
        where: { id },
        data: { status: 'NOT_DUPLICATE', reviewedById: reviewerId, reviewedAt: new Date() },
      });
      return count === 0 ? null : tx.duplicateCandidate.findUnique({ where: { id }, select: candidateColumns });
    });
  }

  /** Whether the duplicate check found `a` and `b` as a possible pair not dismissed as two people. */
  async foundAsPair(a: string, b: string): Promise<boolean> {
    return (await this.db.duplicateCandidate.count({ where: { ...orderedPair(a, b), status: { not: 'NOT_DUPLICATE' } } })) > 0;
  }

  /** A merge settles the pair; undoing it reopens the pair for review. */
  async settleByMerge(tx: Tx, a: string, b: string, reviewerId: string): Promise<void> {
    await tx.duplicateCandidate.updateMany({
      where: { ...orderedPair(a, b), status: 'OPEN' },
      data: { status: 'MERGED', reviewedById: reviewerId, reviewedAt: new Date() },
    });
  }

  async reopenAfterUnmerge(tx: Tx, a: string, b: string): Promise<void> {
    await tx.duplicateCandidate.updateMany({
      where: { ...orderedPair(a, b), status: 'MERGED' },
      data: { status: 'OPEN', reviewedById: null, reviewedAt: null },
    });
  }
}

/** A pair is stored once, lower id first (the table checks it). */
function orderedPair(a: string, b: string): { firstPatientId: string; secondPatientId: string } {
  return a < b ? { firstPatientId: a, secondPatientId: b } : { firstPatientId: b, secondPatientId: a };
}
