import { percentOf, summariseCompleted, summariseIncomplete } from './rtt-report.js';
import { reportingBand } from './waiting-time.js';
import { rttStatuses } from './status-codes.js';

// The monthly return's parts (PRN01045 v5.0, 10.1.1.2) from clock periods counted by weekly band.

function open(specialty: string, days: number, pathways = 1, withDecisionToAdmit = 0) {
  return { specialty, band: reportingBand(days).index, pathways, withDecisionToAdmit };
}

describe('incomplete pathways and the 92 % standard', () => {
  test('a wait of 126 days counts as within 18 weeks, 127 does not', () => {
    const summary = summariseIncomplete([open('Cardiology', 126), open('Cardiology', 127)]);
    expect(summary).toMatchObject({ incompletePathways: 2, within18Weeks: 1, percentWithin18Weeks: 50, meetsStandard: false });
  });

  test('exactly 92 % meets the standard; just under does not, even when it rounds to 92.0', () => {
    expect(summariseIncomplete([open('Cardiology', 10, 92), open('Cardiology', 200, 8)]).meetsStandard).toBe(true);
    const justUnder = summariseIncomplete([open('Cardiology', 10, 2299), open('Cardiology', 200, 201)]);
    expect(justUnder.percentWithin18Weeks).toBe(92);
    expect(justUnder.meetsStandard).toBe(false);
  });

  test('specialties are reported apart, and bands are merged across them in band order', () => {
    const summary = summariseIncomplete([open('Urology', 130, 2), open('Cardiology', 3, 1, 1), open('Urology', 5, 3)]);
    expect(summary.bySpecialty).toEqual([
      { specialty: 'Cardiology', incompletePathways: 1, within18Weeks: 1, percentWithin18Weeks: 100 },
      { specialty: 'Urology', incompletePathways: 5, within18Weeks: 3, percentWithin18Weeks: 60 },
    ]);
    expect(summary.bands.map((b) => [b.band.label, b.pathways])).toEqual([
      ['0-1', 4],
      ['>18-19', 2],
    ]);
    expect(summary.withDecisionToAdmit).toBe(1);
  });

  test('no open pathways: no percentage and no verdict', () => {
    expect(summariseIncomplete([])).toMatchObject({ incompletePathways: 0, percentWithin18Weeks: null, meetsStandard: null });
  });
});

describe('completed pathways', () => {
  test('admitted (part 1a) and non-admitted (part 1b) are counted apart', () => {
    const summary = summariseCompleted([
      { admitted: true, band: reportingBand(100).index, pathways: 3 },
      { admitted: false, band: reportingBand(200).index, pathways: 2 },
      { admitted: false, band: reportingBand(20).index, pathways: 1 },
    ]);
    expect(summary.admitted).toMatchObject({ pathways: 3, within18Weeks: 3 });
    expect(summary.nonAdmitted).toMatchObject({ pathways: 3, within18Weeks: 1 });
  });
});

test('percentages are given to one decimal place', () => {
  expect(percentOf(2, 3)).toBe(66.7);
  expect(percentOf(0, 0)).toBeNull();
});

test('the status codes are the 17 of DSCN 18/2006 (Annex D)', () => {
  expect(rttStatuses.map((s) => s.code)).toEqual([
    '10',
    '11',
    '12',
    '20',
    '21',
    '30',
    '31',
    '32',
    '33',
    '34',
    '35',
    '36',
    '90',
    '91',
    '92',
    '98',
    '99',
  ]);
});
