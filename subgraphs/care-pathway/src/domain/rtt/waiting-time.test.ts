import { addDays } from './calendar-date.js';
import { RttClock } from './rtt-clock.js';
import { RttRuleViolation } from './rtt-rule-violation.js';
import { breachDate, positionAt, reportingBand, weeksWaited } from './waiting-time.js';

// Guidance PRN01045 v5.0, 10.1.7 "Measuring the length of RTT pathways".

describe('weekly reporting bands (10.1.7)', () => {
  test.each([
    [0, '0-1', 0],
    [7, '0-1', 0],
    [8, '>1-2', 1],
    [14, '>1-2', 1],
    [15, '>2-3', 2],
    [120, '>17-18', 17],
    [126, '>17-18', 17],
    [127, '>18-19', 18],
    [358, '>51-52', 51],
    [364, '>51-52', 51],
    [365, '>52-53', 52],
    [728, '>103-104', 103],
    [729, '>104', 104],
    [2000, '>104', 104],
  ])('a wait of %i days is in band %s', (days, label, index) => {
    expect(reportingBand(days)).toMatchObject({ label, index });
  });

  test('the 0-1 week band holds eight reporting days, 0 to 7', () => {
    const zeroToOne = Array.from({ length: 20 }, (_, days) => days).filter((days) => reportingBand(days).index === 0);
    expect(zeroToOne).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test('the >104 band is open-ended', () => {
    expect(reportingBand(729)).toEqual({ index: 104, label: '>104', fromWeeks: 104, toWeeks: null });
  });
});

describe('weeks waited and the 18-week standard', () => {
  test('126 days (exactly 18 weeks) is still within 18 weeks; 127 is not', () => {
    expect(weeksWaited('2026-01-05', addDays('2026-01-05', 126))).toMatchObject({ days: 126, weeks: 18, withinStandard: true });
    expect(weeksWaited('2026-01-05', addDays('2026-01-05', 127))).toMatchObject({ days: 127, weeks: 18, withinStandard: false });
  });

  test('a clock started and stopped on the same day waited zero days, in the 0-1 band', () => {
    expect(weeksWaited('2026-03-01', '2026-03-01')).toMatchObject({ days: 0, weeks: 0, band: { label: '0-1' } });
  });

  test('days are counted across month ends and a leap day', () => {
    expect(weeksWaited('2028-02-27', '2028-03-01').days).toBe(3);
  });

  test('the breach date is the first day beyond 18 weeks', () => {
    const start = '2026-01-05';
    const breach = breachDate(start);
    expect(breach).toBe('2026-05-12');
    expect(weeksWaited(start, addDays(breach, -1)).withinStandard).toBe(true);
    expect(weeksWaited(start, breach).withinStandard).toBe(false);
  });

  test('a census date before the clock start is refused', () => {
    expect(() => weeksWaited('2026-01-05', '2026-01-04')).toThrow(RttRuleViolation);
  });
});

describe('position of a pathway at a census date', () => {
  const received = { kind: 'REFERRAL_RECEIVED', on: '2026-01-05' } as const;

  test('a running clock has waited until the census date', () => {
    const position = positionAt(RttClock.replay([received]).periods, '2026-03-02');
    expect(position).toMatchObject({ running: true, wait: { days: 56, weeks: 8 }, breachDate: '2026-05-12' });
  });

  test('a stopped clock has waited until it stopped, whatever the census date', () => {
    const periods = RttClock.replay([received, { kind: 'RTT_STATUS', on: '2026-02-02', code: '30' }]).periods;
    expect(positionAt(periods, '2026-12-31')).toMatchObject({ running: false, wait: { days: 28 } });
    expect(positionAt(periods, '2026-01-20')).toMatchObject({ running: true, wait: { days: 15 } });
  });

  test('a census date falls in the latest period started by then', () => {
    const periods = RttClock.replay([
      received,
      { kind: 'RTT_STATUS', on: '2026-02-02', code: '32' },
      { kind: 'RTT_STATUS', on: '2026-06-01', code: '11' },
    ]).periods;
    expect(positionAt(periods, '2026-06-08')).toMatchObject({
      running: true,
      wait: { days: 7 },
      period: { startRule: 'ACTIVE_MONITORING_ENDED' },
    });
    expect(positionAt(periods, '2026-04-01')).toMatchObject({ running: false, period: { endReason: 'ACTIVE_MONITORING' } });
  });

  test('a census date before the first clock start is refused naming the census date', () => {
    const periods = RttClock.replay([received]).periods;
    try {
      positionAt(periods, '2025-12-31');
      throw new Error('expected a violation');
    } catch (error) {
      expect(error).toBeInstanceOf(RttRuleViolation);
      expect((error as RttRuleViolation).subject).toBe('censusDate');
    }
  });
});
