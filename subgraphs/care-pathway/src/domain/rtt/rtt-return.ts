import { returnLineOf, returnLines, totalLine, type ReturnLine } from './treatment-function.js';
import { lastBandIndex } from './waiting-time.js';

/** The parts of the monthly return (guidance 10.1.1.2), as the national extract names them. */
export const returnParts = [
  { type: 'Part_1A', description: 'Completed Pathways For Admitted Patients' },
  { type: 'Part_1B', description: 'Completed Pathways For Non-Admitted Patients' },
  { type: 'Part_2', description: 'Incomplete Pathways' },
  { type: 'Part_2A', description: 'Incomplete Pathways with DTA' },
  { type: 'Part_3', description: 'New RTT Periods - All Patients' },
] as const;

export type ReturnPartType = (typeof returnParts)[number]['type'];

/** One line of the return: a part and a treatment function, with its pathways by weekly band. */
export interface ReturnRow {
  readonly part: (typeof returnParts)[number];
  readonly line: ReturnLine;
  /** Pathways in each weekly band, `0-1` first and `>104` last; null for Part 3 (new periods are not banded). */
  readonly bands: readonly number[] | null;
  readonly total: number;
}

/** What the return is built from: counts in SQL by specialty (and band), for one provider and month. */
export interface ReturnCounts {
  completed: readonly { specialty: string; admitted: boolean; band: number; pathways: number }[];
  /** Open clocks on the month's last day. */
  incomplete: readonly { specialty: string; band: number; pathways: number; withDecisionToAdmit: number }[];
  newPeriods: readonly { specialty: string; pathways: number }[];
}

const bandCount = lastBandIndex + 1;

/**
 * The return by treatment function: every line of every part, zeros included (the national form has them
 * all), each part ending with its total line. Specialties are folded into their return line here.
 */
export function monthlyReturn(counts: ReturnCounts): ReturnRow[] {
  const banded = (rows: readonly { specialty: string; band: number; pathways: number }[]) => {
    const byLine = new Map<string, number[]>();
    for (const row of rows) {
      const line = returnLineOf(row.specialty);
      const bands = byLine.get(line) ?? new Array<number>(bandCount).fill(0);
      bands[row.band] = (bands[row.band] ?? 0) + row.pathways;
      byLine.set(line, bands);
    }
    return byLine;
  };
  const bandedParts: Record<Exclude<ReturnPartType, 'Part_3'>, Map<string, number[]>> = {
    Part_1A: banded(counts.completed.filter((row) => row.admitted)),
    Part_1B: banded(counts.completed.filter((row) => !row.admitted)),
    Part_2: banded(counts.incomplete),
    Part_2A: banded(counts.incomplete.map((row) => ({ ...row, pathways: row.withDecisionToAdmit }))),
  };
  const newPeriods = new Map<string, number>();
  for (const row of counts.newPeriods) {
    const line = returnLineOf(row.specialty);
    newPeriods.set(line, (newPeriods.get(line) ?? 0) + row.pathways);
  }

  return returnParts.flatMap((part): ReturnRow[] => {
    if (part.type === 'Part_3') {
      const rows = returnLines.map((line) => ({ part, line, bands: null, total: newPeriods.get(line.code) ?? 0 }));
      return [...rows, { part, line: totalLine, bands: null, total: sum(rows.map((row) => row.total)) }];
    }
    const byLine = bandedParts[part.type];
    const rows = returnLines.map((line) => {
      const bands = byLine.get(line.code) ?? new Array<number>(bandCount).fill(0);
      return { part, line, bands, total: sum(bands) };
    });
    const totals = Array.from({ length: bandCount }, (_, band) => sum(rows.map((row) => row.bands[band]!)));
    return [...rows, { part, line: totalLine, bands: totals, total: sum(totals) }];
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The national extract's period label: `2026-04` → `RTT-April-2026`. */
export function periodLabel(month: string): string {
  const [year, number] = month.split('-');
  return `RTT-${monthNames[Number(number) - 1]}-${year}`;
}
