import { excludeNationalOptOuts } from '@epr/platform';
import type { Purpose } from '@epr/policy';
import { Prisma, type ReferralPriority } from '../__generated__/prisma/client.js';
import type { Db } from './prisma.js';
import type { CalendarDate } from '../domain/rtt/calendar-date.js';
import { lastBandIndex } from '../domain/rtt/waiting-time.js';
import { unreportedEndReasons } from '../domain/rtt/rtt-period.js';

/** Which periods a report covers: one provider, optionally one specialty. */
export interface ReportScope {
  organisation: string;
  specialty: string | null;
}

/** One open clock on a patient tracking list. */
export interface TrackingListRow {
  periodId: string;
  pathwayId: string;
  patientId: string;
  specialty: string;
  priority: ReferralPriority;
  clockStartedOn: CalendarDate;
  decisionToAdmit: boolean;
}

/** Open clocks of one specialty in one weekly band. */
export interface IncompleteBandRow {
  specialty: string;
  band: number;
  pathways: number;
  withDecisionToAdmit: number;
}

/** Stopped clocks of one specialty and kind in one weekly band. */
export interface CompletedBandRow {
  specialty: string;
  admitted: boolean;
  band: number;
  pathways: number;
}

export interface SpecialtyCountRow {
  specialty: string;
  pathways: number;
}

/**
 * The weekly band of a wait in days, as reportingBand (domain/rtt/waiting-time.ts) computes it: 0 to 7 days is
 * band 0, then 7 days a band, capped at `>104`. (days + 6) / 7 is the integer ceiling of days / 7.
 */
function bandOf(days: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`LEAST(${Prisma.raw(String(lastBandIndex))}, GREATEST(0, ((${days}) + 6) / 7 - 1))`;
}

/**
 * A clock open on the census date. Nullified clocks and rejected or withdrawn referrals are left out at every census date:
 * they are removed from both numerator and denominator (4.4.1.3), not only after they ended. A clock that
 * later stopped or moved to another provider was open until then.
 */
function openOn(census: CalendarDate): Prisma.Sql {
  return Prisma.sql`p.started_on <= ${census}::date
    AND (p.ended_on IS NULL OR (p.ended_on > ${census}::date AND p.end_reason::text NOT IN (${Prisma.join(unreportedEndReasons)})))`;
}

// A secondary use (every aggregate, and a tracking list read for analysis) leaves out patients with a national
// data opt-out; a tracking list worked for direct care (the booking office's) keeps them: the opt-out never
// blocks direct care.
const optedOutLeftOut = Prisma.raw(`AND ${excludeNationalOptOuts('p.patient_id')}`);

function inScope(scope: ReportScope, purpose: Purpose = 'SECONDARY_USE'): Prisma.Sql {
  const specialty = scope.specialty === null ? Prisma.empty : Prisma.sql`AND p.specialty = ${scope.specialty}`;
  return Prisma.sql`p.organisation = ${scope.organisation} ${specialty} ${purpose === 'SECONDARY_USE' ? optedOutLeftOut : Prisma.empty}`;
}

/** The completed-pathway stops of the monthly return (parts 1a and 1b). */
const completedReasons = Prisma.sql`('FIRST_DEFINITIVE_TREATMENT', 'ACTIVE_MONITORING', 'DECISION_NOT_TO_TREAT', 'PATIENT_DECLINED', 'PATIENT_DIED')`;

/**
 * The tracking list's statement: open clocks at the census date, longest wait first (then by id, the keyset),
 * with `columns` and `joins` added for an export. One statement for a page and for a whole streamed list, so
 * both list exactly the same clocks.
 */
export function trackingListSql(
  scope: ReportScope,
  census: CalendarDate,
  purpose: Purpose,
  columns: Prisma.Sql,
  joins: Prisma.Sql,
  keyset: Prisma.Sql,
): Prisma.Sql {
  return Prisma.sql`
      SELECT p.id::text AS "periodId", p.pathway_id::text AS "pathwayId", p.patient_id::text AS "patientId", p.specialty,
             r.priority::text AS "priority", p.started_on::text AS "clockStartedOn",
             (p.decision_to_admit_on IS NOT NULL AND p.decision_to_admit_on <= ${census}::date) AS "decisionToAdmit" ${columns}
      FROM rtt_period p
      JOIN pathway pw ON pw.id = p.pathway_id
      JOIN referral r ON r.id = pw.referral_id ${joins}
      WHERE ${inScope(scope, purpose)} AND ${openOn(census)} ${keyset}
      ORDER BY p.started_on, p.id`;
}

/**
 * RTT reports, aggregated in SQL over the clock-period fact table (rtt_period): one statement each, served by
 * the (organisation, started_on, id), (organisation, specialty, started_on, id) and (organisation, ended_on)
 * indexes.
 */
export class RttReportStore {
  constructor(private readonly db: Db) {}

  /** Open clocks at the census date, longest wait first, after the keyset (startedOn, periodId). */
  trackingList(
    scope: ReportScope,
    census: CalendarDate,
    purpose: Purpose,
    after: { startedOn: CalendarDate; periodId: string } | null,
    limit: number,
  ): Promise<TrackingListRow[]> {
    const keyset =
      after === null ? Prisma.empty : Prisma.sql`AND (p.started_on, p.id) > (${after.startedOn}::date, ${after.periodId}::uuid)`;
    return this.db.$queryRaw<
      TrackingListRow[]
    >`${trackingListSql(scope, census, purpose, Prisma.empty, Prisma.empty, keyset)} LIMIT ${limit}`;
  }

  /** Open clocks at the census date, counted by specialty and weekly band. */
  incompleteByBand(scope: ReportScope, census: CalendarDate): Promise<IncompleteBandRow[]> {
    return this.db.$queryRaw<IncompleteBandRow[]>`
      SELECT p.specialty, ${bandOf(Prisma.sql`${census}::date - p.started_on`)} AS "band", count(*)::int AS "pathways",
             count(*) FILTER (WHERE p.decision_to_admit_on <= ${census}::date)::int AS "withDecisionToAdmit"
      FROM rtt_period p
      WHERE ${inScope(scope)} AND ${openOn(census)}
      GROUP BY 1, 2`;
  }

  /** Clocks stopped from `from` to `to` (inclusive) as completed pathways, by kind and weekly band of the wait. */
  completedByBand(scope: ReportScope, from: CalendarDate, to: CalendarDate): Promise<CompletedBandRow[]> {
    return this.db.$queryRaw<CompletedBandRow[]>`
      SELECT p.specialty, (p.end_reason = 'FIRST_DEFINITIVE_TREATMENT' AND p.admitted) AS "admitted",
             ${bandOf(Prisma.sql`p.ended_on - p.started_on`)} AS "band", count(*)::int AS "pathways"
      FROM rtt_period p
      WHERE ${inScope(scope)} AND p.ended_on BETWEEN ${from}::date AND ${to}::date AND p.end_reason IN ${completedReasons}
      GROUP BY 1, 2, 3`;
  }

  /** Clocks started from `from` to `to` (inclusive), by specialty; nullified, rejected and withdrawn ones do not count. */
  newClockStarts(scope: ReportScope, from: CalendarDate, to: CalendarDate): Promise<SpecialtyCountRow[]> {
    return this.db.$queryRaw<SpecialtyCountRow[]>`
      SELECT p.specialty, count(*)::int AS "pathways"
      FROM rtt_period p
      WHERE ${inScope(scope)} AND p.started_on BETWEEN ${from}::date AND ${to}::date
        AND (p.end_reason IS NULL OR p.end_reason::text NOT IN (${Prisma.join(unreportedEndReasons)}))
      GROUP BY 1
      ORDER BY 1`;
  }
}
