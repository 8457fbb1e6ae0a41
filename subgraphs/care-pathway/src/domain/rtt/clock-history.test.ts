import { ClockHistoryConflict, insertClockEvent } from './clock-history.js';
import type { RttEvent } from './rtt-event.js';
import { RttRuleViolation } from './rtt-rule-violation.js';

// Events entered after the fact are folded in the order they happened, as if they had been recorded live.

const received: RttEvent = { kind: 'REFERRAL_RECEIVED', on: '2026-01-05' };

function status(on: string, code: string): RttEvent {
  return { kind: 'RTT_STATUS', on, code };
}

function dna(on: string): RttEvent {
  return { kind: 'APPOINTMENT_OUTCOME', on, outcome: 'DID_NOT_ATTEND', firstAppointment: true, dnaCommunicatedClearly: true };
}

function attended(on: string): RttEvent {
  return { kind: 'APPOINTMENT_OUTCOME', on, outcome: 'ATTENDED', firstAppointment: true, dnaCommunicatedClearly: null };
}

test('an event dated after everything recorded goes last and changes nothing before it', () => {
  const insertion = insertClockEvent([received, status('2026-02-01', '20')], status('2026-03-01', '30'));
  expect(insertion).toMatchObject({ position: 2, beforeLaterEvents: false });
  expect(insertion.steps.map((s) => s.effect)).toEqual(['STARTED', 'CONTINUED', 'STOPPED']);
  expect(insertion.clock.phase).toBe('STOPPED');
});

test('an event on the same day as recorded ones goes after them', () => {
  expect(insertClockEvent([received, status('2026-02-01', '20')], status('2026-02-01', '30')).position).toBe(2);
});

test('an attendance entered late, before a DNA that had nullified the clock, makes that DNA a follow-up DNA', () => {
  const insertion = insertClockEvent([received, dna('2026-03-02')], attended('2026-02-02'));
  expect(insertion).toMatchObject({ position: 1, beforeLaterEvents: true });
  expect(insertion.steps).toEqual([
    { effect: 'STARTED', status: null },
    { effect: 'CONTINUED', status: null },
    { effect: 'CONTINUED', status: null },
  ]);
  expect(insertion.clock.phase).toBe('RUNNING');
});

test('a first-appointment DNA entered late nullifies the clock from its own date, and later events follow it', () => {
  const insertion = insertClockEvent([received, status('2026-03-02', '10')], dna('2026-02-02'));
  expect(insertion.steps.map((s) => s.effect)).toEqual(['STARTED', 'NULLIFIED', 'STARTED']);
  expect(insertion.steps[1]!.status).toBe('33');
  expect(insertion.clock.periods.map((p) => [p.startedOn, p.endedOn, p.startRule])).toEqual([
    ['2026-01-05', '2026-02-02', 'REFERRAL'],
    ['2026-03-02', null, 'REBOOKED_AFTER_DNA'],
  ]);
});

test('when a later event would no longer be allowed, the insertion is a conflict naming that event', () => {
  const history = [received, status('2026-03-02', '20')];
  let conflict: unknown;
  try {
    insertClockEvent(history, dna('2026-02-02'));
  } catch (error) {
    conflict = error;
  }
  expect(conflict).toBeInstanceOf(ClockHistoryConflict);
  expect((conflict as ClockHistoryConflict).refused).toBe(history[1]);
  expect((conflict as Error).message).toMatch(/before the RTT status 20 of 2026-03-02/);
});

test('the rules refusing the new event itself is a violation of that event, not a conflict', () => {
  expect(() => insertClockEvent([received, status('2026-02-01', '30')], status('2026-03-01', '30'))).toThrow(RttRuleViolation);
});

test('nothing can be dated before the clock start', () => {
  try {
    insertClockEvent([received], status('2026-01-04', '20'));
    throw new Error('expected a violation');
  } catch (error) {
    expect(error).toBeInstanceOf(RttRuleViolation);
    expect((error as RttRuleViolation).subject).toBe('occurredOn');
  }
});
