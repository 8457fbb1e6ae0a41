import type { Transaction } from '@epr/platform';
import type { Prisma } from '../__generated__/prisma/client.js';
import { checkMergeParties, checkUnmerge, nhsNumberToMove, type MergeRequest } from '../domain/merge.js';
import type { Db, Tx } from './prisma.js';
import type { DuplicateStore } from './duplicate-store.js';
import { lockPatients } from './patient-lock.js';

const mergeColumns = {
  id: true,
  survivorId: true,
  replacedId: true,
  reason: true,
  mergedAt: true,
  mergedById: true,
  undoneAt: true,
  undoneById: true,
  undoReason: true,
} as const satisfies Prisma.PatientMergeSelect;

export type PatientMergeRecord = Prisma.PatientMergeGetPayload<{ select: typeof mergeColumns }>;

/** Who asks for a merge or its undoing, kept with it for audit. */
export interface MergeActor {
  userId: string;
  roleProfileId: string;
}

/** The rows a merge moves from the duplicate to the survivor; their ids are kept so that the merge can be undone. */
const movedTables = {
  movedIdentifierIds: 'local_identifier',
  movedProblemIds: 'problem',
  movedAllergyIds: 'allergy',
  movedMedicationIds: 'medication',
  movedDocumentIds: 'clinical_document',
} as const;

type MovedIds = Record<keyof typeof movedTables, string[]>;

/**
 * Merges and unmerges, each one transaction. Both patients' rows are locked first (in id order, so two merges
 * touching the same patients cannot deadlock), so concurrent merges of the same duplicate cannot both succeed.
 */
export class MergeStore {
  constructor(
    private readonly db: Db,
    private readonly duplicates: DuplicateStore,
  ) {}

  /** `afterwards` runs in the merge's transaction (e.g. recording the HL7 v2 message it comes from). */
  merge(
    request: MergeRequest,
    actor: MergeActor,
    transaction: Transaction<Tx, PatientMergeRecord>,
    afterwards?: (tx: Tx) => Promise<void>,
  ): Promise<PatientMergeRecord> {
    return transaction(async (tx) => {
      const parties = await lockPatients(tx, [request.survivorId, request.replacedId]);
      const { survivor, replaced } = checkMergeParties(parties.get(request.survivorId), parties.get(request.replacedId));
      const movedNhsNumber = nhsNumberToMove(survivor, replaced);
      if (movedNhsNumber) {
        // Unique per patient: released by the duplicate before the survivor takes it.
        await tx.patient.update({ where: { id: replaced.id }, data: { nhsNumber: null } });
        await tx.patient.update({ where: { id: survivor.id }, data: { nhsNumber: movedNhsNumber } });
      }
      const moved = {} as MovedIds;
      for (const [key, table] of Object.entries(movedTables) as [keyof MovedIds, string][]) {
        moved[key] = await moveRows(tx, table, `patient_id = ${uuid(1)}`, [replaced.id, survivor.id]);
      }
      await tx.patient.update({ where: { id: replaced.id }, data: { replacedById: survivor.id } });
      await this.duplicates.settleByMerge(tx, survivor.id, replaced.id, actor.userId);
      await afterwards?.(tx);
      return tx.patientMerge.create({
        data: {
          survivorId: survivor.id,
          replacedId: replaced.id,
          reason: request.reason,
          mergedById: actor.userId,
          mergedByRoleProfile: actor.roleProfileId,
          movedNhsNumber,
          ...moved,
        },
        select: mergeColumns,
      });
    });
  }

  /** Undoes the standing merge of `replacedId`: what moved goes back (what was added to the survivor since stays). */
  unmerge(
    replacedId: string,
    reason: string,
    actor: MergeActor,
    transaction: Transaction<Tx, PatientMergeRecord>,
  ): Promise<PatientMergeRecord> {
    return transaction(async (tx) => {
      const merge = await tx.patientMerge.findFirst({ where: { replacedId, undoneAt: null } });
      const parties = await lockPatients(tx, merge ? [replacedId, merge.survivorId] : [replacedId]);
      const survivor = merge ? parties.get(merge.survivorId) : undefined;
      checkUnmerge(parties.get(replacedId), merge, survivor);
      const { id, survivorId, movedNhsNumber } = merge!;
      for (const [key, table] of Object.entries(movedTables) as [keyof MovedIds, string][]) {
        await moveRows(tx, table, `id = ANY(${uuid(3)}[]) AND patient_id = ${uuid(1)}`, [survivorId, replacedId, merge![key]]);
      }
      await tx.patient.update({ where: { id: replacedId }, data: { replacedById: null } });
      if (movedNhsNumber) {
        await tx.patient.update({ where: { id: survivorId }, data: { nhsNumber: null } });
        await tx.patient.update({ where: { id: replacedId }, data: { nhsNumber: movedNhsNumber } });
      }
      await this.duplicates.reopenAfterUnmerge(tx, survivorId, replacedId);
      return tx.patientMerge.update({
        where: { id },
        data: { undoneAt: new Date(), undoneById: actor.userId, undoReason: reason },
        select: mergeColumns,
      });
    });
  }

  findByIds(ids: readonly string[]): Promise<PatientMergeRecord[]> {
    return this.db.patientMerge.findMany({ where: { id: { in: [...ids] } }, select: mergeColumns });
  }
}

const uuid = (n: number) => `$${n}::uuid`;

/** Re-points the rows of `table` matching `where` ($1 = from, $2 = to) at patient $2; returns their ids. */
async function moveRows(tx: Tx, table: string, where: string, params: unknown[]): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE patient.${table} SET patient_id = ${uuid(2)} WHERE ${where} RETURNING id`,
    ...params,
  );
  return rows.map((row) => row.id);
}
