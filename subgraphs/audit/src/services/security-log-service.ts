import type { AuditTrail, RequestPolicy } from '@epr/platform';
import type { Loaders } from '../data/loaders.js';
import type { AccessEventRecord, AccessEventStore } from '../data/access-event-store.js';
import { maxLogPage, parseEventQuery, type EventFilterInput } from '../domain/event-query.js';
import { eventCursor, parseEventCursor } from '../domain/cursor.js';
import { toPage, type Page } from '../domain/page.js';
import { accessorRole } from '../domain/record-access-view.js';
import { pageSize } from '@epr/platform';

/**
 * The security log. Reading the log is itself an access to patient data, so every
 * read is recorded in it: one `audit.read` per patient whose events were shown (or one without a patient).
 */
export class SecurityLogService {
  constructor(
    private readonly loaders: Loaders,
    private readonly store: AccessEventStore,
    private readonly audit: AuditTrail,
    private readonly policy: RequestPolicy,
  ) {}

  /** Who made an access, as the patient reads it: "You" for her own, otherwise the role's name in the policy in force. */
  accessorRole(event: AccessEventRecord): string {
    return accessorRole((code) => this.policy.jobRole(code), event, this.policy.subject);
  }

  private viewer() {
    return { userId: this.policy.subject.userId, teamIds: this.policy.subject.teamIds };
  }

  /** Privacy officers: the log filtered by patient, user, period, outcome or request. */
  async search(
    filter: EventFilterInput | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<AccessEventRecord>> {
    const query = parseEventQuery(filter, first, after);
    const rows = await this.store.find({ ...query, limit: query.limit + 1 }, this.viewer());
    const page = toPage(rows, query.limit, eventCursor);
    this.recordRead(
      'access-events',
      page.edges.map((edge) => edge.node),
      query.patientId,
    );
    return page;
  }

  /** Privacy officers: one event by its sequence number (the FHIR AuditEvent read). */
  async byId(id: string): Promise<AccessEventRecord | null> {
    if (!/^[1-9]\d{0,17}$/.test(id)) return null;
    const event = await this.loaders.eventBySeq.load(BigInt(id));
    if (event) this.recordRead('access-events', [event]);
    return event;
  }

  /** Privacy officers: a patient's latest events. */
  async forPatient(patientId: string, last: number): Promise<AccessEventRecord[]> {
    const events = await this.loaders.latestEventsForPatient(pageSize(last, maxLogPage, 'last')).load(patientId);
    this.recordRead('access-events', events, patientId);
    return events;
  }

  /** The patient portal: who accessed this patient's record (a patient only ever their own). */
  async accessLog(patientId: string, first: number, after: string | null | undefined): Promise<Page<AccessEventRecord>> {
    await this.policy.require(this.policy.holds('audit.read') ? 'audit.read' : 'access_log.read_own', patientId, 'audit.read');
    const limit = pageSize(first, maxLogPage);
    const position = after ? parseEventCursor(after, 'after') : undefined;
    const rows = await this.loaders.latestEventsForPatient(limit + 1, position).load(patientId);
    this.recordRead('access-log', rows, patientId);
    return toPage(rows, limit, eventCursor);
  }

  /** The event behind an alert; the alert list that led here has recorded the read. */
  async eventOfAlert(seq: bigint): Promise<AccessEventRecord> {
    const event = await this.loaders.eventBySeq.load(seq);
    if (!event) throw new Error(`security log event ${seq} of an alert is missing`);
    return event;
  }

  private recordRead(category: string, events: readonly AccessEventRecord[], patientId?: string): void {
    const patients = new Set(events.map((event) => event.patientId).filter((id) => id !== null));
    if (patientId) patients.add(patientId);
    if (patients.size === 0) this.audit.record({ action: 'audit.read', outcome: 'ALLOWED', patientId: null, category });
    for (const patient of patients) this.audit.record({ action: 'audit.read', outcome: 'ALLOWED', patientId: patient, category });
  }
}
