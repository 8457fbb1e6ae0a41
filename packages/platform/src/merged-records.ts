import DataLoader from 'dataloader';

/**
 * A patient as another subgraph's entity representation names it. After a merge, what care-pathway and scheduling
 * hold stays filed under the duplicate's id; the patient subgraph gives every id the record is filed under
 * (`Patient.recordPatientIds`: the survivor first, then every patient merged into it, transitively), and the
 * gateway's query plan passes them in the representation of a field that `@requires` them — inside the body its
 * signed credential covers, so they never come from a client.
 */
export interface MergedPatientRef {
  id: string;
  recordPatientIds?: readonly string[] | null;
}

/** The record a representation names: the patient read (the survivor) and every patient id its items may be filed under. */
export interface PatientRecordIds {
  survivorId: string;
  patientIds: readonly string[];
}

/**
 * The record of a representation, ids in lower case as the databases write them. Without `recordPatientIds`
 * (a plan that did not ask for them) the record is the patient's own id alone.
 */
export function recordOf(patient: MergedPatientRef): PatientRecordIds {
  const ids = (patient.recordPatientIds?.length ? patient.recordPatientIds : [patient.id]).map((id) => id.toLowerCase());
  return { survivorId: ids[0]!, patientIds: [...new Set(ids)] };
}

/**
 * Items shown as `patientId`'s: those of a merged duplicate read through the survivor's record, and what hangs off
 * an item shown that way (a referral's pathway, a pathway's timeline). The policy engine then decides them for the
 * record being read, their fields name that patient, and the security log records it.
 */
export function shownAs<T extends { patientId: string }>(patientId: string, items: readonly T[]): T[] {
  return items.map((item) => (item.patientId === patientId ? item : { ...item, patientId }));
}

/** One item shown as `patientId`'s (see `shownAs`). */
export function oneShownAs<T extends { patientId: string }>(patientId: string, item: T | null): T | null {
  return item && shownAs(patientId, [item])[0]!;
}

/**
 * A loader of one list per patient record (a key is the record's `patientIds`): one statement for every id of
 * the batch, however many records and merged duplicates it holds, and each record's list keeps the statement's
 * order across all of its ids.
 */
export function recordListLoader<V extends { patientId: string }>(
  fetch: (patientIds: string[]) => Promise<V[]>,
): DataLoader<readonly string[], V[], string> {
  return new DataLoader(
    async (records) => {
      const rows = await fetch([...new Set(records.flat())]);
      return records.map((ids) => {
        const filedUnder = new Set(ids);
        return rows.filter((row) => filedUnder.has(row.patientId));
      });
    },
    { cacheKeyFn: (ids) => ids.join(',') },
  );
}
