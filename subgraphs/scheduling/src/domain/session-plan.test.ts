import { londonWallTime, parseClockTime, formatClockTime, isoWeekday } from './london-time.js';
import { planSession, planWeeklySessions, type WeeklyPattern } from './session-plan.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('UK wall-clock times', () => {
  test('09:00 in London is 09:00 UTC in winter and 08:00 UTC in summer', () => {
    expect(londonWallTime(day('2026-12-07'), 9 * 60).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(londonWallTime(day('2027-07-05'), 9 * 60).toISOString()).toBe('2027-07-05T08:00:00.000Z');
  });

  test('the days the clocks change keep clinic times right', () => {
    // Clocks go forward at 01:00 UTC on 28 March 2027 and back at 01:00 UTC on 31 October 2027.
    expect(londonWallTime(day('2027-03-28'), 9 * 60).toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(londonWallTime(day('2027-10-31'), 9 * 60).toISOString()).toBe('2027-10-31T09:00:00.000Z');
    // 01:30 does not exist on 28 March: a wall clock shows 02:30 BST an hour after 00:30 GMT.
    expect(londonWallTime(day('2027-03-28'), 90).toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  test('clock times are HH:MM in 24-hour form', () => {
    expect(parseClockTime('09:30')).toBe(570);
    expect(parseClockTime('23:59')).toBe(1439);
    expect(parseClockTime('24:00')).toBeNull();
    expect(parseClockTime('9:30')).toBeNull();
    expect(formatClockTime(570)).toBe('09:30');
  });

  test('ISO weekdays run from Monday (1) to Sunday (7)', () => {
    expect(isoWeekday(day('2026-11-30'))).toBe(1);
    expect(isoWeekday(day('2026-12-06'))).toBe(7);
  });
});

describe('planning sessions', () => {
  test('a session is its slots back to back', () => {
    const session = planSession(new Date('2026-12-01T09:00:00Z'), { slotMinutes: 20, slotCount: 3, slotCapacity: 2, slotKind: 'NEW' });
    expect(session.endsAt.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(session.slots.map((s) => s.startsAt.toISOString())).toEqual([
      '2026-12-01T09:00:00.000Z',
      '2026-12-01T09:20:00.000Z',
      '2026-12-01T09:40:00.000Z',
    ]);
    expect(session.slots.every((s) => s.capacity === 2 && s.kind === 'NEW' && s.minutes === 20)).toBe(true);
  });

  const mondays: WeeklyPattern = {
    weekday: 1,
    startMinute: 9 * 60,
    slotMinutes: 30,
    slotCount: 6,
    slotCapacity: 1,
    slotKind: 'NEW',
    validFrom: day('2027-03-01'),
    validUntil: day('2027-04-05'),
  };

  test('a weekly pattern gives one session on each of its weekdays, at the same local time across the clock change', () => {
    const sessions = planWeeklySessions(mondays, day('2027-03-01'), day('2027-04-30'));
    expect(sessions.map((s) => s.startsAt.toISOString())).toEqual([
      '2027-03-01T09:00:00.000Z',
      '2027-03-08T09:00:00.000Z',
      '2027-03-15T09:00:00.000Z',
      '2027-03-22T09:00:00.000Z',
      '2027-03-29T08:00:00.000Z',
      '2027-04-05T08:00:00.000Z',
    ]);
  });

  test('no session falls outside the period asked for or the dates the pattern is valid', () => {
    expect(planWeeklySessions(mondays, day('2027-03-09'), day('2027-03-14'))).toEqual([]);
    expect(planWeeklySessions(mondays, day('2027-02-01'), day('2027-03-01'))).toHaveLength(1);
    expect(planWeeklySessions(mondays, day('2027-04-06'), day('2027-06-30'))).toEqual([]);
  });
});
