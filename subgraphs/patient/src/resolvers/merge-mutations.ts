import { conflict, notFound } from '@epr/platform';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import type { MergeActor } from '../data/merge-store.js';
import { validateMergeRequest, validateUnmergeRequest } from '../domain/merge.js';
import { recordMessage, unappliedMessage } from './interface-messages.js';

type MergeMutations = Pick<MutationResolvers, 'mergePatients' | 'unmergePatient' | 'dismissDuplicateCandidate'>;

export const mergeMutations: MergeMutations = {
  mergePatients: async (_parent, { input, message: messageInput }, context) => {
    const message = await unappliedMessage(context, messageInput);
    const request = validateMergeRequest(input);
    await requireVisible(context, [
      [request.survivorId, 'input.survivorId'],
      [request.replacedId, 'input.replacedId'],
    ]);
    const merge = await context.stores.merges.merge(request, actorOf(context), (tx) =>
      recordMessage(context, tx, message, request.survivorId),
    );
    afterMergeChange(context, 'patient.merge', merge);
    return merge;
  },
  unmergePatient: async (_parent, { input }, context) => {
    const request = validateUnmergeRequest(input);
    await requireVisible(context, [[request.replacedId, 'input.replacedId']]);
    const merge = await context.stores.merges.unmerge(request.replacedId, request.reason, actorOf(context));
    afterMergeChange(context, 'patient.unmerge', merge);
    return merge;
  },
  dismissDuplicateCandidate: async (_parent, { id }, { patients, stores, caller, audit }) => {
    const candidate = await patients.duplicateCandidate(id);
    if (!candidate) throw notFound('No duplicate candidate with this id is visible to you.', 'id');
    if (candidate.status === 'MERGED')
      throw conflict('These patients were merged; undo the merge instead of dismissing the candidate.', 'id');
    const dismissed = (await stores.duplicates.dismiss(candidate.id, caller.userId))!;
    for (const patientId of [dismissed.firstPatientId, dismissed.secondPatientId]) {
      audit.record({ action: 'duplicate-candidate.dismiss', outcome: 'ALLOWED', patientId });
    }
    return dismissed;
  },
};

/** Each patient named must be one the caller may see (the guarded path decides); otherwise it is "not found". */
async function requireVisible({ patients }: Context, ids: [string, string][]): Promise<void> {
  const found = await Promise.all(ids.map(([id]) => patients.record(id)));
  const missing = found.findIndex((patient) => patient === null);
  if (missing >= 0) throw notFound('No patient with this id is visible to you.', ids[missing]![1]);
}

function actorOf({ caller }: Context): MergeActor {
  return { userId: caller.userId, roleProfileId: caller.roleProfileId };
}

/** Records the change for both patients, and drops what this request read of them before it. */
function afterMergeChange({ audit, loaders }: Context, action: string, merge: { survivorId: string; replacedId: string }): void {
  for (const patientId of [merge.survivorId, merge.replacedId]) {
    audit.record({ action, outcome: 'ALLOWED', patientId });
    loaders.patientById.clear(patientId);
  }
}
