import { badUserInput, forbidden } from '@epr/platform';
import type { Purpose } from '@epr/policy';
import type { RttReportStore, TrackingListRow } from '../data/rtt-report-store.js';
import type { TrackingListExportStore } from '../data/tracking-list-export-store.js';
import { isUuid } from '../domain/input-rules.js';
import { decodeCursor, encodeCursor, pageSize } from '../domain/page-cursor.js';
import { censusDate, reportingMonth, reportingPeriod, reportScope, type ReportScopeRequest } from '../domain/report-request.js';
import { calendarDateInEngland, isCalendarDate, type CalendarDate } from '../domain/rtt/calendar-date.js';
import { summariseCompleted, summariseIncomplete, type CompletedGroup, type IncompleteSummary } from '../domain/rtt/rtt-report.js';
import { monthlyReturn, type ReturnRow } from '../domain/rtt/rtt-return.js';
import { breachDate, weeksWaited, type WaitLength } from '../domain/rtt/waiting-time.js';
import { TrackingListExport, type ExportedEntry } from './tracking-list-export.js';
import type { ServiceRequest } from './request.js';

/** An open clock on a patient tracking list, with its wait at the census date. */
export interface TrackingListEntry extends TrackingListRow {
  wait: WaitLength;
  breachDate: CalendarDate;
}

export interface TrackingList {
  censusDate: CalendarDate;
  organisation: string;
  entries: TrackingListEntry[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface RttPerformanceReport extends IncompleteSummary {
  censusDate: CalendarDate;
  organisation: string;
  specialty: string | null;
}

export interface CompletedPathwaysReport {
  organisation: string;
  from: CalendarDate;
  to: CalendarDate;
  admitted: CompletedGroup;
  nonAdmitted: CompletedGroup;
}

/** The % within 18 weeks for the whole provider and for each of its specialties, with every band. */
export interface RttPerformanceBySpecialty {
  overall: RttPerformanceReport;
  specialties: (IncompleteSummary & { specialty: string })[];
}

/** The monthly RTT return of one provider (guidance 10.1.1.2), by treatment function. */
export interface RttMonthlyReturn {
  organisation: string;
  month: string;
  rows: ReturnRow[];
}

export interface NewClockStartsReport {
  organisation: string;
  from: CalendarDate;
  to: CalendarDate;
  total: number;
  bySpecialty: { specialty: string; pathways: number }[];
}

const maxTrackingListPage = 500;

/** A report's scope as asked: the organisation may be left out (the caller's own). */
type OrganisationScopeRequest = Omit<ReportScopeRequest, 'organisation'> & { organisation?: string | null };

/**
 * RTT reports. Each answers for one provider: the caller's own organisation, unless their role holds
 * `pathway.report.any_organisation` (a commissioner's) — another organisation's figures are refused, whatever
 * the argument says. The tracking list names patients, so each one listed is recorded in the audit trail; the
 * aggregate reports name none and are recorded once. Opted-out patients are left out in SQL.
 */
export class RttReportService {
  constructor(
    private readonly request: ServiceRequest,
    private readonly store: RttReportStore,
    private readonly exports: TrackingListExportStore,
  ) {}

  /** Open clocks at the census date (today in England when none is given), longest wait first. */
  async trackingList(
    input: OrganisationScopeRequest & { censusDate?: string | null; first: number; after?: string | null },
  ): Promise<TrackingList> {
    const scope = this.scope(input);
    const census = censusDate(input.censusDate, calendarDateInEngland(this.request.now()));
    const limit = pageSize(input.first, maxTrackingListPage);
    const after = input.after ? trackingListPosition(input.after) : null;
    const rows = await this.store.trackingList(scope, census, this.trackingListPurpose(), after, limit + 1);
    const entries = rows.slice(0, limit).map((row) => ({
      ...row,
      wait: weeksWaited(row.clockStartedOn, census),
      breachDate: breachDate(row.clockStartedOn),
    }));
    for (const entry of entries)
      this.request.audit.record({ action: 'rtt.tracking-list.read', outcome: 'ALLOWED', patientId: entry.patientId });
    const last = entries.at(-1);
    return {
      censusDate: census,
      organisation: scope.organisation,
      entries,
      endCursor: last ? encodeCursor([last.clockStartedOn, last.periodId]) : null,
      hasNextPage: rows.length > limit,
    };
  }

  /**
   * The whole tracking list as a stream of batches, for a file (the CSV export): the same clocks, order and
   * policy as `trackingList`, read through one database cursor. What each column shows is decided per patient
   * as the GraphQL fields are (see TrackingListExport); each batch is recorded in the security log before it
   * is handed out.
   */
  async exportTrackingList(
    input: OrganisationScopeRequest & { censusDate?: string | null },
  ): Promise<{ organisation: string; censusDate: CalendarDate; batches: AsyncGenerator<ExportedEntry[]> }> {
    const scope = this.scope(input);
    const census = censusDate(input.censusDate, calendarDateInEngland(this.request.now()));
    const batches = new TrackingListExport(this.request, this.exports, scope, census, this.trackingListPurpose()).batches();
    return { organisation: scope.organisation, censusDate: census, batches };
  }

  async performance(input: OrganisationScopeRequest & { censusDate?: string | null }): Promise<RttPerformanceReport> {
    return (await this.performanceBySpecialty(input)).overall;
  }

  /** `performance`, with each specialty's own summary and bands beside the provider's (one statement). */
  async performanceBySpecialty(input: OrganisationScopeRequest & { censusDate?: string | null }): Promise<RttPerformanceBySpecialty> {
    const scope = this.scope(input);
    const census = censusDate(input.censusDate, calendarDateInEngland(this.request.now()));
    const rows = await this.store.incompleteByBand(scope, census);
    this.recordReport('rtt.performance.read');
    const specialties = [...new Set(rows.map((row) => row.specialty))].sort();
    return {
      overall: { ...summariseIncomplete(rows), censusDate: census, ...scope },
      specialties: specialties.map((specialty) => ({
        specialty,
        ...summariseIncomplete(rows.filter((row) => row.specialty === specialty)),
      })),
    };
  }

  /**
   * The monthly RTT return for `month` (`YYYY-MM`): completed pathways whose clocks stopped in the month (parts
   * 1a, 1b), clocks open on its last day (2, 2a) and clocks started in it (3), by treatment function — the same
   * counts as rttCompletedPathways, rttPerformance and rttNewClockStarts for that month.
   */
  async monthlyReturn(input: OrganisationScopeRequest & { month: string }): Promise<RttMonthlyReturn> {
    const scope = this.scope(input);
    const { month, from, to } = reportingMonth(input.month, 'month', calendarDateInEngland(this.request.now()));
    const [completed, incomplete, newPeriods] = await Promise.all([
      this.store.completedByBand(scope, from, to),
      this.store.incompleteByBand(scope, to),
      this.store.newClockStarts(scope, from, to),
    ]);
    this.recordReport('rtt.return.read');
    return { organisation: scope.organisation, month, rows: monthlyReturn({ completed, incomplete, newPeriods }) };
  }

  async completedPathways(input: OrganisationScopeRequest & { from: string; to: string }): Promise<CompletedPathwaysReport> {
    const scope = this.scope(input);
    const period = reportingPeriod(input.from, input.to);
    const rows = await this.store.completedByBand(scope, period.from, period.to);
    this.recordReport('rtt.completed.read');
    return { organisation: scope.organisation, ...period, ...summariseCompleted(rows) };
  }

  async newClockStarts(input: OrganisationScopeRequest & { from: string; to: string }): Promise<NewClockStartsReport> {
    const scope = this.scope(input);
    const period = reportingPeriod(input.from, input.to);
    const bySpecialty = await this.store.newClockStarts(scope, period.from, period.to);
    this.recordReport('rtt.new-clock-starts.read');
    return { organisation: scope.organisation, ...period, total: bySpecialty.reduce((sum, row) => sum + row.pathways, 0), bySpecialty };
  }

  /**
   * The provider a report is about: the caller's own organisation when none is named; another one only for a
   * role that may report across organisations.
   */
  private scope(input: OrganisationScopeRequest): { organisation: string; specialty: string | null } {
    const { caller, policy } = this.request;
    // GraphQL's shield asks this of every report field; files reach the service without it, so it asks here.
    if (!policy.holds('pathway.report')) throw this.refusal('role_lacks_activity', 'Your role does not allow running RTT reports.');
    const scope = reportScope({ ...input, organisation: input.organisation ?? caller.organisationOds });
    if (scope.organisation !== caller.organisationOds && !policy.holds('pathway.report.any_organisation')) {
      throw this.refusal(
        `other_organisation:${scope.organisation}`,
        `You can report on your own organisation (${caller.organisationOds}) only; ${scope.organisation}'s figures are for its own staff and commissioners.`,
      );
    }
    return scope;
  }

  /** A refused report is a decision like any other: it goes to the security log, then to the caller. */
  private refusal(reason: string, message: string) {
    this.request.audit.record({
      action: 'field.read',
      outcome: 'DENIED',
      patientId: null,
      category: 'rtt-report',
      basis: { kind: 'DECISION', detail: reason },
    });
    return forbidden(message);
  }

  /**
   * Why a tracking list is read. The booking office (roles that may open referrals: `referrals.read`) works it
   * to book and treat the patients on it — direct care, which the national data opt-out never blocks, so
   * opted-out patients stay on its list. For anyone else (analysts, commissioners) it is a secondary use and
   * they are left out. Every aggregate report is a secondary use.
   */
  private trackingListPurpose(): Purpose {
    return this.request.policy.holds('referrals.read') ? 'DIRECT_CARE' : 'SECONDARY_USE';
  }

  private recordReport(action: 'rtt.performance.read' | 'rtt.completed.read' | 'rtt.new-clock-starts.read' | 'rtt.return.read'): void {
    this.request.audit.record({ action, outcome: 'ALLOWED', patientId: null });
  }
}

function trackingListPosition(cursor: string): { startedOn: CalendarDate; periodId: string } {
  const [startedOn = '', periodId = ''] = decodeCursor(cursor, 2, 'after');
  if (!isCalendarDate(startedOn) || !isUuid(periodId)) throw badUserInput('This cursor was not given out by this tracking list.', 'after');
  return { startedOn, periodId };
}
