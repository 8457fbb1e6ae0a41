import { monthlyReturn, periodLabel } from './rtt-return.js';
import { reportingBand } from './waiting-time.js';

// The monthly RTT return (PRN01045 v5.0, 10.1.1.2) by treatment function.

const band = (days: number) => reportingBand(days).index;

describe('the monthly return', () => {
  const rows = monthlyReturn({
    completed: [
      { specialty: 'Cardiology', admitted: true, band: band(79), pathways: 2 },
      { specialty: 'Endocrinology', admitted: false, band: band(7), pathways: 1 },
      { specialty: 'Diabetes', admitted: false, band: band(8), pathways: 3 },
    ],
    incomplete: [
      { specialty: 'Cardiology', band: band(126), pathways: 4, withDecisionToAdmit: 1 },
      { specialty: 'Cardiology', band: band(800), pathways: 1, withDecisionToAdmit: 0 },
    ],
    newPeriods: [
      { specialty: 'Cardiology', pathways: 5 },
      { specialty: 'Aromatherapy', pathways: 2 },
    ],
  });
  const line = (part: string, code: string) => rows.find((row) => row.part.type === part && row.line.code === code)!;

  test('every part has all 23 lines of the form and a total line, zeros included', () => {
    expect(rows).toHaveLength(5 * 24);
    expect(line('Part_1A', 'C_100')).toMatchObject({ total: 0 });
    expect(line('Part_1A', 'C_100').bands).toHaveLength(105);
  });

  test('pathways are counted on their line, in their weekly band, and in the total line', () => {
    expect(line('Part_1A', 'C_320').bands![11]).toBe(2); // 79 days: >11-12
    expect(line('Part_2', 'C_320').bands![17]).toBe(4); // 126 days: >17-18
    expect(line('Part_2', 'C_320').bands![104]).toBe(1); // >104
    expect(line('Part_2', 'C_999')).toMatchObject({ total: 5 });
    expect(line('Part_2A', 'C_320')).toMatchObject({ total: 1 });
  });

  test('specialties of one "Other" group are added together', () => {
    expect(line('Part_1B', 'X02').bands!.slice(0, 2)).toEqual([1, 3]); // 7 days: 0-1; 8 days: >1-2
    expect(line('Part_1B', 'C_999')).toMatchObject({ total: 4 });
  });

  test('new periods are a count per line, not banded', () => {
    expect(line('Part_3', 'C_320')).toMatchObject({ bands: null, total: 5 });
    expect(line('Part_3', 'X06')).toMatchObject({ total: 2 });
    expect(line('Part_3', 'C_999')).toMatchObject({ total: 7 });
  });

  test('the period is labelled as the national extract labels it', () => {
    expect(periodLabel('2026-04')).toBe('RTT-April-2026');
    expect(periodLabel('2026-12')).toBe('RTT-December-2026');
  });
});
