import { bandAt, standardPercent, withinStandard, type RttBand } from './waiting-time.js';

/** Pathways counted in one weekly band. */
export interface BandCount {
  readonly band: RttBand;
  readonly pathways: number;
}

export interface SpecialtyPerformance {
  readonly specialty: string;
  readonly incompletePathways: number;
  readonly within18Weeks: number;
  readonly percentWithin18Weeks: number | null;
}

export interface IncompleteSummary {
  readonly incompletePathways: number;
  readonly within18Weeks: number;
  readonly percentWithin18Weeks: number | null;
  readonly meetsStandard: boolean | null;
  readonly withDecisionToAdmit: number;
  readonly bySpecialty: readonly SpecialtyPerformance[];
  readonly bands: readonly BandCount[];
}

export interface CompletedGroup {
  readonly pathways: number;
  readonly within18Weeks: number;
  readonly bands: readonly BandCount[];
}

/** A percentage to one decimal place, or null when there is nothing to divide. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** Band `index` is within 18 weeks when its longest wait is: band 17 (`>17-18`) ends at 126 days. */
function bandWithinStandard(index: number): boolean {
  return withinStandard((index + 1) * 7);
}

function bandCounts(rows: readonly { band: number; pathways: number }[]): BandCount[] {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.band, (counts.get(row.band) ?? 0) + row.pathways);
  return [...counts].sort(([a], [b]) => a - b).map(([index, pathways]) => ({ band: bandAt(index), pathways }));
}

function within(rows: readonly { band: number; pathways: number }[]): number {
  return rows.reduce((sum, row) => sum + (bandWithinStandard(row.band) ? row.pathways : 0), 0);
}

function total(rows: readonly { pathways: number }[]): number {
  return rows.reduce((sum, row) => sum + row.pathways, 0);
}

/** The incomplete-pathway standard (92 % within 18 weeks) from open clocks counted by specialty and band. */
export function summariseIncomplete(
  rows: readonly { specialty: string; band: number; pathways: number; withDecisionToAdmit: number }[],
): IncompleteSummary {
  const specialties = [...new Set(rows.map((row) => row.specialty))].sort();
  const bySpecialty = specialties.map((specialty) => {
    const ofSpecialty = rows.filter((row) => row.specialty === specialty);
    const count = total(ofSpecialty);
    const inside = within(ofSpecialty);
    return { specialty, incompletePathways: count, within18Weeks: inside, percentWithin18Weeks: percentOf(inside, count) };
  });
  const incompletePathways = total(rows);
  const within18Weeks = within(rows);
  const percentWithin18Weeks = percentOf(within18Weeks, incompletePathways);
  return {
    incompletePathways,
    within18Weeks,
    percentWithin18Weeks,
    // Compared unrounded, so 91.96 % does not pass as 92.0 %.
    meetsStandard: incompletePathways === 0 ? null : within18Weeks * 100 >= standardPercent * incompletePathways,
    withDecisionToAdmit: rows.reduce((sum, row) => sum + row.withDecisionToAdmit, 0),
    bySpecialty,
    bands: bandCounts(rows),
  };
}

/** Completed pathways split into admitted (part 1a) and non-admitted (part 1b). */
export function summariseCompleted(rows: readonly { admitted: boolean; band: number; pathways: number }[]): {
  admitted: CompletedGroup;
  nonAdmitted: CompletedGroup;
} {
  const group = (admitted: boolean): CompletedGroup => {
    const ofKind = rows.filter((row) => row.admitted === admitted);
    return { pathways: total(ofKind), within18Weeks: within(ofKind), bands: bandCounts(ofKind) };
  };
  return { admitted: group(true), nonAdmitted: group(false) };
}
