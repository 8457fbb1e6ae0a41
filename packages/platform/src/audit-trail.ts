import type { Caller } from '@epr/identity';
import type { AuditAction } from '@epr/policy';
import type { AuditStore, AuditEventRow } from './audit-store.js';
import { serviceUnavailable } from './errors.js';
import type { SqlExecutor } from './sql.js';
import { metrics } from './metrics.js';
import { traced } from './telemetry/tracing.js';

const appendSeconds = metrics.histogram(
  'epr_security_log_append_duration_seconds',
  "How long a request waited for its security-log events to be committed before its answer could leave (group commit's wait included).",
  [],
);

export type AccessOutcome = 'ALLOWED' | 'DENIED';

/**
 * On what grounds the data was served or refused, as the policy decision saw it: RELATIONSHIP (detail: its
 * type), EMERGENCY (detail: the reason given), SEAL_OVERRIDE (detail: the justification), SELF, ROLE,
 * AUTHORING_TEAM, SERVICE, or DECISION for a refusal (detail: its reason). The policy engine owns the words.
 */
export interface AccessBasis {
  kind: string;
  detail?: string;
}

/** One access to patient data, as the subgraph that served it saw it. */
export interface AccessRecord {
  action: AuditAction;
  outcome: AccessOutcome;
  patientId: string | null;
  /** What exactly was touched, as `<Type>:<id>` (e.g. `Problem:7f3c…`). */
  items?: readonly string[];
  /** The part of the record, when no single items apply (e.g. `problems`, `search`). */
  category?: string;
  basis?: AccessBasis;
  /**
   * Who may see this row in the security log (care team ids and user ids); everyone with access to the log
   * when absent. For rows naming items hidden from others (sealed and locked, do-not-share, not nominated).
   */
  visibleTo?: readonly string[];
}

/**
 * Collects a request's access records and appends them to the security log in one call before the response
 * leaves the subgraph. Records that differ only in their items become one event listing all of them, so a list
 * of a patient's problems is one event, not one per problem.
 */
/** Records taken out of a trail, to be appended or put back. */
export type PendingRecords = { record: AccessRecord; items: Set<string> }[];

export class AuditTrail {
  private readonly pending = new Map<string, { record: AccessRecord; items: Set<string> }>();

  constructor(
    private readonly store: AuditStore,
    readonly subgraph: string,
    readonly caller: Caller,
  ) {}

  record(record: AccessRecord): void {
    const key = JSON.stringify([
      record.action,
      record.outcome,
      record.patientId,
      record.category,
      record.basis?.kind,
      record.basis?.detail,
      record.visibleTo,
    ]);
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { record, items: new Set() };
      this.pending.set(key, entry);
    }
    for (const item of record.items ?? []) entry.items.add(item);
  }

  /** Appends what was recorded; throws if the log cannot be written, so the caller can fail closed. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const entries = this.take();
    const rows = this.rows(entries);
    const started = performance.now();
    await traced('security_log.append', { 'epr.events': rows.length }, () => this.store.append(rows));
    appendSeconds.observe((performance.now() - started) / 1000);
  }

  /**
   * Appends what was recorded so far, and `written` (the write's own records), inside a write's transaction (`run`
   * executes on its connection), so the write and its security-log rows commit together or not at all. Throws
   * when the log cannot be written, which rolls the write back; what was recorded before is then back in the
   * trail. Returns the records taken, to put back with `restore` should the transaction still not commit.
   */
  async appendWithin(run: SqlExecutor, written: readonly AccessRecord[]): Promise<PendingRecords> {
    const entries = this.take();
    const rows = [...this.rows(entries), ...written.map((record) => this.row(record, [...(record.items ?? [])]))];
    if (rows.length === 0) return entries;
    try {
      await this.store.appendWithin(run, rows);
    } catch (error) {
      this.restore(entries);
      // The write rolls back with it: nothing the log does not know about is ever saved.
      throw serviceUnavailable('The security log could not be written, so nothing was saved. Try again shortly.', error);
    }
    return entries;
  }

  /** Takes what has been recorded so far out of the trail (see `restore`). */
  take(): PendingRecords {
    const entries = [...this.pending.values()];
    this.pending.clear();
    return entries;
  }

  /** Puts records taken out back, e.g. when the transaction they were appended in rolled back. */
  restore(entries: PendingRecords): void {
    for (const { record, items } of entries) this.record({ ...record, items: [...items] });
  }

  private rows(entries: PendingRecords): AuditEventRow[] {
    return entries.map(({ record, items }) => this.row(record, [...items]));
  }

  /**
   * Appends what was recorded before data leaves outside GraphQL (an export's chunk): a log that cannot be
   * written stops the answer with SERVICE_UNAVAILABLE, as the GraphQL plugin does.
   */
  async commit(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      throw serviceUnavailable('The security log could not be written, so no patient data was returned. Try again shortly.', error);
    }
  }

  private row(record: AccessRecord, items: string[]): AuditEventRow {
    const c = this.caller;
    return {
      subgraph: this.subgraph,
      action: record.action,
      outcome: record.outcome,
      user_id: c.userId,
      role_profile_id: c.roleProfileId,
      job_role_code: c.jobRoleCode,
      organisation: c.organisationOds,
      card_serial: c.cardSerial ?? null,
      session_id: c.sessionId ?? null,
      patient_id: record.patientId,
      category: record.category ?? null,
      items,
      basis_kind: record.basis?.kind ?? null,
      basis_detail: record.basis?.detail ?? null,
      request_id: c.requestId,
      correlation_id: c.correlationId ?? null,
      visible_to: record.visibleTo ? [...record.visibleTo] : null,
    };
  }
}
