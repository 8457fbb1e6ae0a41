import { conflict, notFound } from '@epr/platform';
import type { MergeParty } from '../domain/merge.js';
import type { Tx } from './prisma.js';

/**
 * `update` for a write that changes the patient row (demographics, a merge); `share` for one that adds to
 * the record (a clinical item, an identifier): shares run side by side, and both wait for a merge to finish.
 */
export type PatientLock = 'update' | 'share';

/**
 * Locks the patients' rows for the rest of the transaction, in id order (so two transactions locking the same
 * patients cannot deadlock); absent ids are simply missing from the map. Whatever a write then reads of these
 * patients stays true until it commits.
 */
export async function lockPatients(tx: Tx, ids: string[], lock: PatientLock = 'update'): Promise<Map<string, MergeParty>> {
  const rows = await tx.$queryRawUnsafe<MergeParty[]>(
    `SELECT id, nhs_number AS "nhsNumber", replaced_by_id AS "replacedById"
       FROM patient.patient WHERE id = ANY($1::uuid[]) ORDER BY id FOR ${lock === 'update' ? 'UPDATE' : 'SHARE'}`,
    ids,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Locks the one patient a write is for, which must still be a patient of its own: a merge that committed
 * since the request read it makes the write a CONFLICT rather than let it land on the retired record.
 */
export async function lockCurrentPatient(tx: Tx, id: string, field: string, lock: PatientLock): Promise<void> {
  const patient = (await lockPatients(tx, [id], lock)).get(id);
  if (!patient) throw notFound('No patient with this id is visible to you.', field);
  if (patient.replacedById)
    throw conflict(`This patient was merged into patient ${patient.replacedById} meanwhile; make the change on that patient.`, field);
}
