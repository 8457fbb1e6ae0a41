import DataLoader from 'dataloader';
import {
  decide,
  identityOnlyFacts,
  onlyPatientIdentityMatters,
  patientFactsMatter,
  type Activity,
  type AuditAction,
  type Decision,
  type ItemFacts,
  type JobRolePolicy,
  type PatientFacts,
  type Policy,
  type Purpose,
  type Subject,
} from '@epr/policy';
import type { Caller } from '@epr/identity';
import type { AuditTrail } from '../audit-trail.js';
import { forbidden, notFound } from '../errors.js';
import { requireJustification } from '../justification-input.js';
import type { AccessControlStore } from './access-control-store.js';
import { traced } from '../telemetry/tracing.js';

/** A clinical item as the policy sees it: its facts plus where it belongs. */
export interface GuardedItem extends Omit<ItemFacts, 'nominatedUserIds'> {
  /** `<Type>:<id>`, the key nominations and audit entries use. */
  itemRef: string;
  patientId: string;
}

/** An item the caller may know about: in full, or as a sealed placeholder. */
export interface VisibleItem<T> {
  item: T;
  sealed: boolean;
}

/** Who may know of an item that is hidden from others: its authoring team and its author. */
export function itemKeepers(item: Pick<ItemFacts, 'authoringTeamId' | 'authorUserId'>): string[] {
  return [item.authoringTeamId, item.authorUserId].filter((keeper): keeper is string => typeof keeper === 'string');
}

export function subjectOf(caller: Caller): Subject {
  return {
    kind: caller.kind,
    userId: caller.userId,
    jobRoleCode: caller.jobRoleCode,
    organisationOds: caller.organisationOds,
    teamIds: caller.teamIds ?? [],
    ...(caller.patientId !== undefined && { patientId: caller.patientId }),
  };
}

/**
 * The policy engine bound to one request: the caller, batched fact look-ups (one statement per batch of
 * patients, one per batch of items), and the audit trail. Every guarded read in every subgraph asks here,
 * so single reads, lists, `_entities`, search and counts get the same answer — and every decision, allow
 * or deny, is recorded.
 */
export class RequestPolicy {
  readonly subject: Subject;
  private readonly facts: DataLoader<string, PatientFacts>;
  private readonly nominees: DataLoader<string, string[] | null>;
  private readonly held = new Map<Activity, boolean>();
  private readonly decisions = new Map<string, Decision>();
  private readonly recorded = new Set<string>();
  /** A patient in the portal: only whether the record is their own decides, so their facts are never looked up. */
  private readonly identityDecides: boolean;

  constructor(
    private readonly policy: Policy,
    caller: Caller,
    private readonly store: AccessControlStore,
    private readonly audit: AuditTrail,
    private readonly now: Date = new Date(),
  ) {
    this.subject = subjectOf(caller);
    this.identityDecides = onlyPatientIdentityMatters(policy, this.subject);
    this.facts = new DataLoader((ids) => this.patientFacts(ids));
    this.nominees = new DataLoader((refs) => store.nominations(refs));
  }

  /** The facts of these patients as the policy needs them: looked up, or for a patient in the portal, who they are. */
  private async patientFacts(patientIds: readonly string[]): Promise<PatientFacts[]> {
    return this.identityDecides ? patientIds.map(identityOnlyFacts) : this.store.patientFacts(this.subject, patientIds);
  }

  /** A job role as the policy in force defines it (its name, its scope), or undefined for a code it does not list. */
  jobRole(jobRoleCode: string): JobRolePolicy | undefined {
    return this.policy.jobRoles.get(jobRoleCode);
  }

  /** Role only: may this caller's job role do this at all? (What the shield rules ask.) Memoised per request. */
  holds(activity: Activity): boolean {
    let held = this.held.get(activity);
    if (held === undefined) {
      held = decide(this.policy, { subject: this.subject, activity, now: this.now }).effect === 'ALLOW';
      this.held.set(activity, held);
    }
    return held;
  }

  /**
   * The decision for one patient, recorded under `action`. Decided once per activity and patient for the
   * request (a list of fifty referrals of one patient is one decision), recorded once per action and patient.
   */
  async forPatient(activity: Activity, patientId: string, action: AuditAction, purpose?: Purpose): Promise<Decision> {
    const key = `${activity}|${purpose ?? ''}|${patientId}`;
    let decision = this.decisions.get(key);
    if (!decision) {
      decision = await traced('policy.decide', { 'epr.activity': activity }, async (span) => {
        const patient = await this.facts.load(patientId);
        const decided = decide(this.policy, { subject: this.subject, activity, patient, now: this.now, ...(purpose ? { purpose } : {}) });
        span?.setAttribute('epr.effect', decided.effect);
        return decided;
      });
      this.decisions.set(key, decision);
    }
    const recorded = `${action}|${key}`;
    if (!this.recorded.has(recorded)) {
      this.recorded.add(recorded);
      this.record(action, patientId, decision);
    }
    return decision;
  }

  /** The record if the caller may see its patient for `activity`, else null: out of scope is "not found". */
  async reveal<T extends { patientId: string }>(activity: Activity, record: T | null, action: AuditAction): Promise<T | null> {
    if (!record) return null;
    return (await this.forPatient(activity, record.patientId, action)).effect === 'ALLOW' ? record : null;
  }

  /** The records whose patients the caller may see for `activity`, in their order (lists, `_entities`). */
  async revealAll<T extends { patientId: string }>(activity: Activity, records: readonly T[], action: AuditAction): Promise<T[]> {
    const visible = await this.visiblePatients(activity, [...new Set(records.map((r) => r.patientId))], action);
    return records.filter((r) => visible.has(r.patientId));
  }

  /**
   * For writes and clinical fields about one patient: resolves when allowed; a patient out of scope is
   * NOT_FOUND, a refusal is FORBIDDEN with the engine's message (e.g. how to get a legitimate relationship).
   */
  async require(activity: Activity, patientId: string, action: AuditAction): Promise<void> {
    const decision = await this.forPatient(activity, patientId, action);
    if (decision.effect === 'HIDE') throw notFound('No such patient.');
    if (decision.effect === 'DENY') throw forbidden(decision.message);
  }

  /** The patients of `patientIds` this caller may see for `activity` (lists, search, counts, reports). */
  async visiblePatients(activity: Activity, patientIds: readonly string[], action: AuditAction, purpose?: Purpose): Promise<Set<string>> {
    const decisions = await Promise.all(patientIds.map((id) => this.forPatient(activity, id, action, purpose)));
    return new Set(patientIds.filter((_, i) => decisions[i]!.effect === 'ALLOW'));
  }

  /**
   * Exports: each of `activities` decided for every patient of a large batch (a chunk of a streamed file), with
   * at most one statement for their facts, and none when they cannot change the answer (`patientFactsMatter`).
   * Nothing is memoised, so a million patients cost constant memory, and nothing is recorded here: the caller
   * records the batch as one event naming the patients (see the care-pathway subgraph's TrackingListExport).
   */
  async decideEach(activities: readonly Activity[], patientIds: readonly string[], purpose: Purpose): Promise<Map<Activity, Decision[]>> {
    const needFacts = activities.some((activity) => patientFactsMatter(this.policy, this.subject, activity, purpose));
    const facts = needFacts && patientIds.length ? await this.patientFacts(patientIds) : null;
    return new Map(
      activities.map((activity) => {
        if (!facts) {
          const decision = decide(this.policy, { subject: this.subject, activity, now: this.now, purpose });
          return [activity, patientIds.map(() => decision)];
        }
        return [
          activity,
          facts.map((patient) => decide(this.policy, { subject: this.subject, activity, patient, now: this.now, purpose })),
        ];
      }),
    );
  }

  /**
   * Filters clinical items: hidden ones vanish (not even their existence is told), sealed ones come back as
   * placeholders unless opened by the authoring team or a justified override. Refused outright (no
   * relationship, role without the activity) when the patient-level decision is DENY.
   */
  async filterItems<T extends GuardedItem>(
    activity: Activity,
    items: readonly T[],
    action: AuditAction,
    sealOverride?: string,
  ): Promise<VisibleItem<T>[]> {
    const justification =
      sealOverride === undefined
        ? undefined
        : requireJustification(sealOverride, 'sealOverrideJustification', 'The justification for opening sealed items');
    return traced('policy.decide_items', { 'epr.activity': activity, 'epr.items': items.length }, () =>
      this.decideItems(activity, items, action, justification),
    );
  }

  private async decideItems<T extends GuardedItem>(
    activity: Activity,
    items: readonly T[],
    action: AuditAction,
    justification: string | undefined,
  ): Promise<VisibleItem<T>[]> {
    const nominated = await Promise.all(items.map((item) => this.nominees.load(item.itemRef)));
    const patients = await Promise.all(items.map((item) => this.facts.load(item.patientId)));
    const visible: VisibleItem<T>[] = [];
    items.forEach((item, i) => {
      const decision = decide(this.policy, {
        subject: this.subject,
        activity,
        patient: patients[i]!,
        item: { ...item, nominatedUserIds: nominated[i] ?? null },
        now: this.now,
        ...(justification !== undefined ? { sealOverride: justification } : {}),
      });
      this.recordItem(action, item, decision);
      if (decision.effect === 'ALLOW') visible.push({ item, sealed: false });
      else if (decision.effect === 'PLACEHOLDER') visible.push({ item, sealed: true });
    });
    return visible;
  }

  /**
   * A sealed-and-locked item may not even be known to exist outside its authoring team, and an item a decision
   * hid (do-not-share, not nominated) was hidden for a reason: rows naming such items are recorded like any other
   * (allowed for the team, refused for others), but visible in the security log only to the item's authoring team
   * and author — privacy officers elsewhere see neither the item nor that anything was hidden.
   */
  private recordItem(action: AuditAction, item: GuardedItem, decision: Decision): void {
    const restricted = decision.effect === 'HIDE' || item.sealLevel === 'SEALED_AND_LOCKED';
    this.record(action, item.patientId, decision, item.itemRef, restricted ? itemKeepers(item) : undefined);
  }

  private record(action: AuditAction, patientId: string, decision: Decision, itemRef?: string, visibleTo?: readonly string[]): void {
    const allowed = decision.effect === 'ALLOW' || decision.effect === 'PLACEHOLDER';
    this.audit.record({
      action: decision.effect === 'ALLOW' && decision.basis.kind === 'SEAL_OVERRIDE' ? 'seal.override' : action,
      outcome: allowed ? 'ALLOWED' : 'DENIED',
      patientId,
      ...(itemRef ? { items: [itemRef] } : {}),
      ...(visibleTo ? { visibleTo } : {}),
      basis: decision.effect === 'ALLOW' ? decision.basis : { kind: 'DECISION', detail: decision.reason },
    });
  }
}
