import { addDays, daysBetween, type CalendarDate } from './calendar-date.js';
import type { RttPeriod } from './rtt-period.js';
import { RttRuleViolation } from './rtt-rule-violation.js';

/** 18 weeks. A patient who has waited exactly 126 days is still within 18 weeks (guidance 10.1.7). */
export const standardDays = 126;

/** The operational standard: 92 % of incomplete pathways within 18 weeks (guidance 1.1). */
export const standardPercent = 92;

/** The last weekly band: waits of 729 days and more (guidance 10.1.7). */
export const lastBandIndex = 104;

/** A weekly reporting band of the monthly return, e.g. `>17-18` weeks for waits of 120 to 126 days. */
export interface RttBand {
  /** 0 for `0-1`, 17 for `>17-18`, 104 for `>104`. */
  readonly index: number;
  readonly label: string;
  readonly fromWeeks: number;
  /** Null for the open-ended `>104` band. */
  readonly toWeeks: number | null;
}

export interface WaitLength {
  readonly days: number;
  /** Completed weeks. */
  readonly weeks: number;
  readonly band: RttBand;
  readonly withinStandard: boolean;
}

/**
 * Guidance 10.1.7: `0-1` weeks holds 0 to 7 days (eight days), `>1-2` holds 8 to 14, and so on; `>104` holds
 * 729 days and more. The SQL reports compute the same index (data/rtt-report-sql.ts).
 */
export function reportingBand(days: number): RttBand {
  const index = Math.min(lastBandIndex, Math.max(0, Math.ceil(days / 7) - 1));
  return bandAt(index);
}

export function bandAt(index: number): RttBand {
  if (index === 0) return { index, label: '0-1', fromWeeks: 0, toWeeks: 1 };
  if (index >= lastBandIndex) return { index: lastBandIndex, label: `>${lastBandIndex}`, fromWeeks: lastBandIndex, toWeeks: null };
  return { index, label: `>${index}-${index + 1}`, fromWeeks: index, toWeeks: index + 1 };
}

export function withinStandard(days: number): boolean {
  return days <= standardDays;
}

/** Weeks waited from the clock start to `until` (the clock stop or a census date), in whole days (10.1.7). */
export function weeksWaited(clockStart: CalendarDate, until: CalendarDate): WaitLength {
  const days = daysBetween(clockStart, until);
  if (days < 0) throw new RttRuleViolation(`The census date ${until} is before the clock started on ${clockStart}.`, 'censusDate');
  return { days, weeks: Math.floor(days / 7), band: reportingBand(days), withinStandard: withinStandard(days) };
}

/** The first day on which a clock still running has waited more than 18 weeks: treatment must start before it. */
export function breachDate(clockStart: CalendarDate): CalendarDate {
  return addDays(clockStart, standardDays + 1);
}

/** Where a pathway's clock stood on a census date: the latest period started by then, and the wait it shows. */
export interface RttPosition<P extends RttPeriod = RttPeriod> {
  readonly censusDate: CalendarDate;
  readonly period: P;
  /** False when the period had stopped (or been nullified, transferred...) on or before the census date. */
  readonly running: boolean;
  readonly wait: WaitLength;
  readonly breachDate: CalendarDate;
}

export function positionAt<P extends RttPeriod>(periods: readonly P[], censusDate: CalendarDate): RttPosition<P> {
  const period = periods.findLast((p) => p.startedOn <= censusDate);
  if (!period) {
    const first = periods[0]?.startedOn ?? 'yet';
    throw new RttRuleViolation(`The census date ${censusDate} is before the clock started on ${first}.`, 'censusDate');
  }
  const stoppedOn = period.endedOn !== null && period.endedOn <= censusDate ? period.endedOn : null;
  return {
    censusDate,
    period,
    running: stoppedOn === null,
    wait: weeksWaited(period.startedOn, stoppedOn ?? censusDate),
    breachDate: breachDate(period.startedOn),
  };
}
