import { badUserInput, forbidden } from '@epr/platform';
import type { RttReportStore, TrackingListRow } from '../data/rtt-report-store.js';
import { isUuid } from '../domain/input-rules.js';
import { decodeCursor, encodeCursor, pageSize } from '../domain/page-cursor.js';
import { censusDate, reportingPeriod, reportScope, type ReportScopeRequest } from '../domain/report-request.js';
import { calendarDateInEngland, isCalendarDate, type CalendarDate } from '../domain/rtt/calendar-date.js';
import { summariseCompleted, summariseIncomplete, type CompletedGroup, type IncompleteSummary } from '../domain/rtt/rtt-report.js';
import { breachDate, weeksWaited, type WaitLength } from '../domain/rtt/waiting-time.js';
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
  ) {}

  /** Open clocks at the census date (today in England when none is given), longest wait first. */
  async trackingList(
    input: OrganisationScopeRequest & { censusDate?: string | null; first: number; after?: string | null },
  ): Promise<TrackingList> {
    const scope = this.scope(input);
    const census = censusDate(input.censusDate, calendarDateInEngland(this.request.now()));
    const limit = pageSize(input.first, maxTrackingListPage);
    const after = input.after ? trackingListPosition(input.after) : null;
    const rows = await this.store.trackingList(scope, census, after, limit + 1);
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

  async performance(input: OrganisationScopeRequest & { censusDate: string }): Promise<RttPerformanceReport> {
    const scope = this.scope(input);
    const census = censusDate(input.censusDate, calendarDateInEngland(this.request.now()));
    const rows = await this.store.incompleteByBand(scope, census);
    this.recordReport('rtt.performance.read');
    return { ...summariseIncomplete(rows), censusDate: census, ...scope };
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
    const scope = reportScope({ ...input, organisation: input.organisation ?? caller.organisationOds });
    if (scope.organisation !== caller.organisationOds && !policy.holds('pathway.report.any_organisation')) {
      throw forbidden(
        `You can report on your own organisation (${caller.organisationOds}) only; ${scope.organisation}'s figures are for its own staff and commissioners.`,
      );
    }
    return scope;
  }

  private recordReport(action: 'rtt.performance.read' | 'rtt.completed.read' | 'rtt.new-clock-starts.read'): void {
    this.request.audit.record({ action, outcome: 'ALLOWED', patientId: null });
  }
}

function trackingListPosition(cursor: string): { startedOn: CalendarDate; periodId: string } {
  const [startedOn = '', periodId = ''] = decodeCursor(cursor, 2, 'after');
  if (!isCalendarDate(startedOn) || !isUuid(periodId)) throw badUserInput('This cursor was not given out by this tracking list.', 'after');
  return { startedOn, periodId };
}
