import type { Activity, Decision, Purpose } from '@epr/policy';
import type { ReportScope } from '../data/rtt-report-store.js';
import type { ExportedClockRow, TrackingListExportStore } from '../data/tracking-list-export-store.js';
import type { CalendarDate } from '../domain/rtt/calendar-date.js';
import { treatmentFunctionCode } from '../domain/rtt/treatment-function.js';
import { breachDate, weeksWaited, type WaitLength } from '../domain/rtt/waiting-time.js';
import type { ServiceRequest } from './request.js';

/** One row of an exported tracking list: what the role may see of one open clock, the rest null. */
export interface ExportedEntry {
  /** Null unless the role may open pathways (`referrals.read`), as `PatientTrackingListEntry.pathway`. */
  pathwayId: string | null;
  /** Null unless the role may identify the patient (`demographics.read`), as `PatientTrackingListEntry.patient`. */
  nhsNumber: string | null;
  specialty: string;
  /** The specialty's DCB0028 treatment function code (`320`), null when it is not known. */
  treatmentFunctionCode: string | null;
  priority: string;
  clockStartedOn: CalendarDate;
  wait: WaitLength;
  breachDate: CalendarDate;
  /** Null unless the role may see appointments (`appointments.read`), as `Pathway.nextAppointment`. */
  nextAppointmentAt: string | null;
  decisionToAdmit: boolean;
}

/** The columns that name or lead to a patient, each shown only where its GraphQL field's class would be. */
const identifyingColumns = [
  { column: 'pathwayId', activity: 'referrals.read', label: 'pathway' },
  { column: 'nhsNumber', activity: 'demographics.read', label: 'NHS number' },
  { column: 'nextAppointmentAt', activity: 'appointments.read', label: 'next appointment' },
] as const satisfies readonly { column: keyof ExportedEntry; activity: Activity; label: string }[];

type IdentifyingColumn = (typeof identifyingColumns)[number];

// Rows per database read, per policy decision batch and per security-log event. Each event costs a commit (a
// WAL flush) besides its items, so larger batches cost the log less; 20,000 rows are some 20 MB in memory.
const batchSize = 20_000;

/**
 * One export of a tracking list. Columns the caller's role cannot see at all are not even selected; for the
 * rest, the policy engine decides per patient (one facts statement per batch), as the shield rules decide
 * `PatientTrackingListEntry.patient` and `.pathway` per entry.
 *
 * The security log: the GraphQL list records one `rtt.tracking-list.read` per patient. A file of a million rows
 * would be a million chained events (minutes of hashing), so each batch is recorded as ONE event naming every
 * patient in it (`items`: `Patient:<id>`), committed before the batch is handed out — no row leaves unrecorded,
 * and a log that cannot be written stops the file. Patients whose identifying columns were withheld get a
 * DENIED event the same way, and a last event says how the export ended and how many rows it gave.
 */
export class TrackingListExport {
  private readonly shown: IdentifyingColumn[];
  private readonly criteria: string;
  // A list has a few hundred distinct clock starts and a few dozen specialties: each is worked out once.
  private readonly waits = new Map<CalendarDate, { wait: WaitLength; breachDate: CalendarDate }>();
  private readonly functions = new Map<string, string | null>();

  constructor(
    private readonly request: ServiceRequest,
    private readonly store: TrackingListExportStore,
    private readonly scope: ReportScope,
    private readonly census: CalendarDate,
    private readonly purpose: Purpose,
  ) {
    this.shown = identifyingColumns.filter((c) => request.policy.holds(c.activity));
    const columns = this.shown.length ? this.shown.map((c) => c.label).join(', ') : 'waits only';
    this.criteria = `PTL export of ${scope.organisation} at ${census}${scope.specialty ? `, ${scope.specialty}` : ''} (${columns})`;
  }

  /**
   * The list, batch by batch. While one batch is being written out, the next two are read, decided and
   * recorded, so the database, the security log and the client's download overlap. A client that goes away may
   * so leave up to two recorded batches unsent: the log errs on the side of saying more was seen, never less.
   */
  async *batches(): AsyncGenerator<ExportedEntry[]> {
    const shows = (activity: Activity) => this.shown.some((c) => c.activity === activity);
    const rows = this.store.batches(
      this.scope,
      this.census,
      this.purpose,
      { nhsNumber: shows('demographics.read'), nextAppointment: shows('appointments.read') },
      batchSize,
    );
    const prepare = async (): Promise<ExportedEntry[] | null> => {
      const next = await rows.next();
      if (next.done) return null;
      const entries = await this.decide(next.value);
      await this.request.audit.commit();
      return entries;
    };
    // Prepared one after another (one cursor, one audit trail), each starting when the one before is done.
    const ahead: Promise<ExportedEntry[] | null>[] = [];
    const prepareAnother = () => {
      const before = ahead.at(-1) ?? Promise.resolve([]);
      const next = before.then((previous) => (previous === null ? null : prepare()));
      // Settled (and its failure thrown) when its turn comes; meanwhile a rejection is not unhandled.
      next.catch(() => undefined);
      ahead.push(next);
    };
    let listed = 0;
    let finished = false;
    try {
      prepareAnother();
      prepareAnother();
      for (let entries = await ahead.shift()!; entries !== null; entries = await ahead.shift()!) {
        prepareAnother();
        yield entries;
        listed += entries.length;
      }
      finished = true;
    } finally {
      await Promise.allSettled(ahead);
      await rows.return(undefined);
      this.request.audit.record({
        action: 'rtt.tracking-list.read',
        outcome: 'ALLOWED',
        patientId: null,
        category: 'ptl-export-end',
        basis: { kind: 'ROLE', detail: `${this.criteria}: ${finished ? 'complete' : 'stopped early'}, ${listed} rows` },
      });
      await this.request.audit.commit();
    }
  }

  /** The batch as the caller may see it, recorded (not yet committed) in the audit trail. */
  private async decide(batch: readonly ExportedClockRow[]): Promise<ExportedEntry[]> {
    const patients = [...new Set(batch.map((row) => row.patientId))];
    const decisions = await this.request.policy.decideEach(
      this.shown.map((c) => c.activity),
      patients,
      this.purpose,
    );
    const allowed = new Map(this.shown.map((c) => [c.column, allowedPatients(patients, decisions.get(c.activity) ?? [])]));
    const withheld = new Map<string, string>();
    for (const c of this.shown) {
      (decisions.get(c.activity) ?? []).forEach((decision, i) => {
        if (decision.effect !== 'ALLOW') withheld.set(patients[i]!, decision.reason);
      });
    }
    const visible = (column: IdentifyingColumn['column'], row: ExportedClockRow) => allowed.get(column)?.has(row.patientId) ?? false;

    this.request.audit.record({
      action: 'rtt.tracking-list.read',
      outcome: 'ALLOWED',
      patientId: null,
      category: 'ptl-export',
      items: patients.map((id) => `Patient:${id}`),
      basis: { kind: 'ROLE', detail: this.criteria },
    });
    for (const [patientId, reason] of withheld) {
      this.request.audit.record({
        action: 'rtt.tracking-list.read',
        outcome: 'DENIED',
        patientId: null,
        category: 'ptl-export',
        items: [`Patient:${patientId}`],
        basis: { kind: 'DECISION', detail: reason },
      });
    }
    return batch.map((row) => ({
      pathwayId: visible('pathwayId', row) ? row.pathwayId : null,
      nhsNumber: visible('nhsNumber', row) ? row.nhsNumber : null,
      specialty: row.specialty,
      treatmentFunctionCode: this.treatmentFunction(row.specialty),
      priority: row.priority,
      clockStartedOn: row.clockStartedOn,
      ...this.waitFrom(row.clockStartedOn),
      nextAppointmentAt: visible('nextAppointmentAt', row) ? row.nextAppointmentAt : null,
      decisionToAdmit: row.decisionToAdmit,
    }));
  }

  private waitFrom(clockStartedOn: CalendarDate): { wait: WaitLength; breachDate: CalendarDate } {
    let known = this.waits.get(clockStartedOn);
    if (!known)
      this.waits.set(clockStartedOn, (known = { wait: weeksWaited(clockStartedOn, this.census), breachDate: breachDate(clockStartedOn) }));
    return known;
  }

  private treatmentFunction(specialty: string): string | null {
    let code = this.functions.get(specialty);
    if (code === undefined) this.functions.set(specialty, (code = treatmentFunctionCode(specialty)));
    return code;
  }
}

function allowedPatients(patients: readonly string[], decisions: readonly Decision[]): Set<string> {
  return new Set(patients.filter((_, i) => decisions[i]?.effect === 'ALLOW'));
}
