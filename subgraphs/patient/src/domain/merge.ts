import { badUserInput, conflict, notFound } from '@epr/platform';
import { isUuid } from './identifiers.js';
import { requireText } from './text.js';

/** Merges chain (A into B, later B into C); a longer chain than this means corrupt data, not a real history. */
export const maxMergeChain = 16;

/** What a merge needs to know about each patient, read under a row lock. */
export interface MergeParty {
  id: string;
  nhsNumber: string | null;
  replacedById: string | null;
}

export interface MergeRequest {
  survivorId: string;
  replacedId: string;
  reason: string;
}

/** Checks what can be checked without the database; nothing is read or written before it passes. */
export function validateMergeRequest(input: MergeRequest): MergeRequest {
  const survivorId = patientId(input.survivorId, 'input.survivorId');
  const replacedId = patientId(input.replacedId, 'input.replacedId');
  if (survivorId === replacedId) {
    throw badUserInput(
      'A patient cannot be merged with itself: give the duplicate in replacedId and the patient to keep in survivorId.',
      'input.replacedId',
    );
  }
  return { survivorId, replacedId, reason: requireText(input.reason, 'input.reason', 'The reason', 500) };
}

export function validateUnmergeRequest(input: { replacedId: string; reason: string }): { replacedId: string; reason: string } {
  return {
    replacedId: patientId(input.replacedId, 'input.replacedId'),
    reason: requireText(input.reason, 'input.reason', 'The reason', 500),
  };
}

/** Ids as the database writes them (lower case); one that is not a UUID names no patient. */
function patientId(id: string, field: string): string {
  if (!isUuid(id)) throw notFound('No patient with this id is visible to you.', field);
  return id.toLowerCase();
}

/** Both patients exist and are current: a merged-away patient cannot be merged again, nor merged into. */
export function checkMergeParties(
  survivor: MergeParty | undefined,
  replaced: MergeParty | undefined,
): { survivor: MergeParty; replaced: MergeParty } {
  if (!survivor) throw notFound('No patient with this id is visible to you.', 'input.survivorId');
  if (!replaced) throw notFound('No patient with this id is visible to you.', 'input.replacedId');
  if (replaced.replacedById) throw conflict(`This patient was already merged into patient ${replaced.replacedById}.`, 'input.replacedId');
  if (survivor.replacedById) {
    throw conflict(
      `This patient was itself merged into patient ${survivor.replacedById}; merge into that patient instead.`,
      'input.survivorId',
    );
  }
  return { survivor, replaced };
}

/** The duplicate's NHS number moves only to a survivor that has none (an unidentified patient kept as survivor). */
export function nhsNumberToMove(survivor: MergeParty, replaced: MergeParty): string | null {
  return survivor.nhsNumber === null ? replaced.nhsNumber : null;
}

/**
 * A merge is undone last-in, first-out: while its survivor has itself been merged away, what moved now sits
 * with a third patient, so that later merge must be undone first.
 */
export function checkUnmerge(
  replaced: MergeParty | undefined,
  merge: { survivorId: string; movedNhsNumber: string | null } | null,
  survivor: MergeParty | undefined,
): void {
  if (!replaced) throw notFound('No patient with this id is visible to you.', 'input.replacedId');
  if (!merge || !survivor) throw conflict('This patient is not merged into another; there is nothing to undo.', 'input.replacedId');
  if (survivor.replacedById) {
    throw conflict(
      `Patient ${survivor.id} has since been merged into patient ${survivor.replacedById}; undo that merge first.`,
      'input.replacedId',
    );
  }
  if (merge.movedNhsNumber && survivor.nhsNumber !== merge.movedNhsNumber) {
    throw conflict(
      'The NHS number that moved with the merge has since changed on the survivor; correct it before undoing the merge.',
      'input.replacedId',
    );
  }
}
