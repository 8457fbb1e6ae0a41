import { conflict, forbidden, notFound } from '@epr/platform';
import type { AuditAction } from '@epr/policy';
import { pageOf, type Page, type ScoreCursor } from '../domain/pagination.js';
import { validateMergeRequest, validateUnmergeRequest } from '../domain/merge.js';
import type { DuplicateCandidateRecord } from '../data/duplicate-store.js';
import type { PatientMergeRecord } from '../data/merge-store.js';
import type { PatientService } from './patient-service.js';
import type { ServiceRequest } from './request.js';
import type { InterfaceMessageInput } from '../__generated__/resolvers-types.js';
import { recordMessage, unappliedMessage } from './interface-messages.js';

/**
 * The master patient index's housekeeping: the duplicate worklist, merges and their undoing. A pair or a merge
 * is visible only when the caller may see both patients; every step is recorded for both.
 */
export class DataQualityService {
  constructor(
    private readonly request: ServiceRequest,
    private readonly patients: PatientService,
  ) {}

  async possibleDuplicates(patientId: string): Promise<DuplicateCandidateRecord[]> {
    const { policy, loaders } = this.request;
    const decision = await policy.forPatient('demographics.write', patientId, 'duplicate-candidate.read');
    return decision.effect === 'ALLOW' ? loaders.openDuplicatesByPatientId.load(patientId) : [];
  }

  async candidate(id: string): Promise<DuplicateCandidateRecord | null> {
    const candidate = await this.request.loaders.duplicateCandidateById.load(id);
    return candidate && (await this.pairVisible(candidate)) ? candidate : null;
  }

  /** One page of the data quality worklist: pairs whose two patients the caller may both see. */
  async worklist(minScore: number, size: number, after: ScoreCursor | null): Promise<Page<DuplicateCandidateRecord>> {
    const page = pageOf(await this.request.stores.duplicates.worklist(minScore, size + 1, after), size);
    const visible = await Promise.all(page.items.map((candidate) => this.pairVisible(candidate)));
    return { ...page, items: page.items.filter((_, i) => visible[i]) };
  }

  async merge(
    input: { survivorId: string; replacedId: string; reason: string },
    messageInput?: InterfaceMessageInput | null,
  ): Promise<PatientMergeRecord> {
    const message = await unappliedMessage(this.request, messageInput);
    const request = validateMergeRequest(input);
    await this.requireVisible([
      [request.survivorId, 'input.survivorId'],
      [request.replacedId, 'input.replacedId'],
    ]);
    const outsideCare = await this.requireGroundsToMerge(request.survivorId, request.replacedId);
    const recorded = this.mergeChange('patient.merge', outsideCare ? 'patient.merge.outside-care' : 'patient.merge');
    const merge = await this.request.stores.merges.merge(request, this.actor(), recorded, (tx) =>
      recordMessage(this.request, tx, message, request.survivorId),
    );
    this.forgetPatients(merge);
    return merge;
  }

  async unmerge(input: { replacedId: string; reason: string }): Promise<PatientMergeRecord> {
    const request = validateUnmergeRequest(input);
    await this.requireVisible([[request.replacedId, 'input.replacedId']]);
    const merge = await this.request.stores.merges.unmerge(
      request.replacedId,
      request.reason,
      this.actor(),
      this.mergeChange('patient.unmerge'),
    );
    this.forgetPatients(merge);
    return merge;
  }

  async dismiss(id: string): Promise<DuplicateCandidateRecord> {
    const { stores, caller, writes } = this.request;
    const candidate = await this.candidate(id);
    if (!candidate) throw notFound('No duplicate candidate with this id is visible to you.', 'id');
    if (candidate.status === 'MERGED')
      throw conflict('These patients were merged; undo the merge instead of dismissing the candidate.', 'id');
    const dismissed = await stores.duplicates.dismiss(
      candidate.id,
      caller.userId,
      writes.for((done) =>
        done
          ? [done.firstPatientId, done.secondPatientId].map((patientId) => ({
              action: 'duplicate-candidate.dismiss' as const,
              outcome: 'ALLOWED' as const,
              patientId,
              items: [`DuplicateCandidate:${done.id}`],
            }))
          : [],
      ),
    );
    return dismissed!;
  }

  private async pairVisible(candidate: DuplicateCandidateRecord): Promise<boolean> {
    const ids = [candidate.firstPatientId, candidate.secondPatientId];
    return (await this.request.policy.visiblePatients('demographics.write', ids, 'duplicate-candidate.read')).size === 2;
  }

  /** Each patient named must be one the caller may see (the guarded path decides); otherwise it is "not found". */
  private async requireVisible(ids: [string, string][]): Promise<void> {
    const found = await Promise.all(ids.map(([id]) => this.patients.record(id)));
    const missing = found.findIndex((patient) => patient === null);
    if (missing >= 0) throw notFound('No patient with this id is visible to you.', ids[missing]![1]);
  }

  /**
   * A merge joins two records, and from then on the survivor's relationships reach both: merging a record one's
   * organisation does not care for into one it does would open it to the whole organisation. So a merge needs the
   * caller's organisation to care for both records (registration, referral, booking or admission), or the duplicate
   * check to have paired them — and the latter, reaching beyond the organisation's care, is alerted (true).
   */
  private async requireGroundsToMerge(survivorId: string, replacedId: string): Promise<boolean> {
    const { caller, stores } = this.request;
    const cared = await stores.careStanding.caredForBy(caller.organisationOds, [survivorId, replacedId]);
    if (cared.size === 2) return false;
    if (await stores.duplicates.foundAsPair(survivorId, replacedId)) return true;
    throw forbidden(
      `${caller.organisationOds} does not care for both records and the duplicate check has not paired them, so they cannot be merged here. ` +
        'Ask the organisation caring for the patient, or have the pair checked as possible duplicates first.',
    );
  }

  private actor() {
    return { userId: this.request.caller.userId, roleProfileId: this.request.caller.roleProfileId };
  }

  /** The transaction of a merge or its undoing, recorded for both patients (the replaced one's as `replacedAction`). */
  private mergeChange(action: AuditAction, replacedAction: AuditAction = action) {
    return this.request.writes.for((merge: PatientMergeRecord) =>
      [
        { patientId: merge.survivorId, action },
        { patientId: merge.replacedId, action: replacedAction },
      ].map((row) => ({ ...row, outcome: 'ALLOWED' as const, items: [`PatientMerge:${merge.id}`] })),
    );
  }

  /** Drops what this request read of both patients before the change. */
  private forgetPatients(merge: { survivorId: string; replacedId: string }): void {
    for (const patientId of [merge.survivorId, merge.replacedId]) this.request.loaders.patientById.clear(patientId);
  }
}
