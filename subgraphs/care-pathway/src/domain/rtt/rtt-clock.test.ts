import { admissionsWithoutTreatment, type AdmissionWithoutTreatment } from './admission-without-treatment.js';
import { RttClock } from './rtt-clock.js';
import type { AppointmentOutcome, RttEvent } from './rtt-event.js';
import { RttRuleViolation } from './rtt-rule-violation.js';
import { rttStatuses } from './status-codes.js';

// Rule numbers are those of the national rules suite, PRN01045 v5.0 section 2.2.

const received: RttEvent = { kind: 'REFERRAL_RECEIVED', on: '2026-01-05' };

function status(on: string, code: string, extra: { admitted?: boolean; decisionToAdmit?: boolean } = {}): RttEvent {
  return { kind: 'RTT_STATUS', on, code, ...extra };
}

function appointment(
  on: string,
  outcome: AppointmentOutcome,
  firstAppointment: boolean,
  dnaCommunicatedClearly: boolean | null = null,
): RttEvent {
  return { kind: 'APPOINTMENT_OUTCOME', on, outcome, firstAppointment, dnaCommunicatedClearly };
}

function violationOf(fn: () => unknown): RttRuleViolation {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RttRuleViolation);
    return error as RttRuleViolation;
  }
  throw new Error('expected an RttRuleViolation');
}

describe('clock starts', () => {
  test('rule 1: the clock starts on the date the provider receives the referral (3.2.1)', () => {
    const clock = RttClock.replay([received]);
    expect(clock.phase).toBe('RUNNING');
    expect(clock.periods).toEqual([expect.objectContaining({ startedOn: '2026-01-05', startRule: 'REFERRAL', endedOn: null })]);
  });

  test('status 10 on a running clock is the first care activity, not a new start (Annex D note 28)', () => {
    const clock = RttClock.replay([received, status('2026-02-01', '10')]);
    expect(clock.periods).toHaveLength(1);
    expect(clock.periods[0]?.startedOn).toBe('2026-01-05');
  });

  test('rules 3a/3b: after treatment, status 10 starts a new clock on its own date, not the referral date', () => {
    const clock = RttClock.replay([received, status('2026-03-02', '30'), status('2026-06-01', '10')]);
    expect(clock.phase).toBe('RUNNING');
    expect(clock.periods.map((p) => [p.startedOn, p.startRule])).toEqual([
      ['2026-01-05', 'REFERRAL'],
      ['2026-06-01', 'SUBSEQUENT_TREATMENT'],
    ]);
  });

  test('rule 3d: a decision to treat after active monitoring (11) starts a new clock', () => {
    const clock = RttClock.replay([received, status('2026-02-10', '32'), status('2026-08-10', '11')]);
    expect(clock.phase).toBe('RUNNING');
    expect(clock.currentPeriod).toMatchObject({ startedOn: '2026-08-10', startRule: 'ACTIVE_MONITORING_ENDED' });
  });

  test('rule 3e: rebooking after a nullifying first-appointment DNA starts a new clock at zero (3.4.5)', () => {
    const clock = RttClock.replay([received, appointment('2026-02-02', 'DID_NOT_ATTEND', true, true), status('2026-02-09', '10')]);
    expect(clock.currentPeriod).toMatchObject({ startedOn: '2026-02-09', startRule: 'REBOOKED_AFTER_DNA', endedOn: null });
  });

  test('status 11 without active monitoring is refused', () => {
    expect(violationOf(() => RttClock.replay([received, status('2026-02-01', '11')])).subject).toBe('rttStatus');
  });

  test('status 10 during active monitoring is refused: a decision to treat is 11', () => {
    expect(violationOf(() => RttClock.replay([received, status('2026-02-01', '31'), status('2026-03-01', '10')])).message).toMatch(/11/);
  });

  test('status 12 is a new pathway for a separate condition (Annex E), not an event on this one', () => {
    expect(violationOf(() => RttClock.replay([received, status('2026-02-01', '12')])).message).toMatch(/new referral/);
  });

  test('a referral cannot be received twice', () => {
    expect(() => RttClock.replay([received, { kind: 'REFERRAL_RECEIVED', on: '2026-01-06' }])).toThrow(RttRuleViolation);
  });
});

describe('clock stops', () => {
  test('rule 4a: first definitive treatment in outpatients stops the clock, a non-admitted pathway', () => {
    const { clock, effect } = RttClock.replay([received]).apply(status('2026-03-02', '30'));
    expect(effect).toBe('STOPPED');
    expect(clock.phase).toBe('STOPPED');
    expect(clock.currentPeriod).toMatchObject({
      endedOn: '2026-03-02',
      endReason: 'FIRST_DEFINITIVE_TREATMENT',
      endStatus: '30',
      admitted: false,
    });
  });

  test('4.3.2.3: an admission for treatment stops the clock on the admission date, an admitted pathway', () => {
    const clock = RttClock.replay([
      received,
      status('2026-02-01', '20', { decisionToAdmit: true }),
      status('2026-04-14', '30', { admitted: true }),
    ]);
    expect(clock.currentPeriod).toMatchObject({ endedOn: '2026-04-14', admitted: true, decisionToAdmitOn: '2026-02-01' });
  });

  test('a diagnostic admission (20) does not stop the clock (4.3.2.3)', () => {
    expect(RttClock.replay([received, status('2026-02-01', '20')]).phase).toBe('RUNNING');
  });

  test.each([
    ['31', 'ACTIVE_MONITORING', 'ACTIVE_MONITORING', 'rule 5b, patient-initiated active monitoring'],
    ['32', 'ACTIVE_MONITORING', 'ACTIVE_MONITORING', 'rule 5b, clinician-initiated active monitoring'],
    ['34', 'DECISION_NOT_TO_TREAT', 'STOPPED', 'rules 5a/5d, decision not to treat or discharge to primary care'],
    ['35', 'PATIENT_DECLINED', 'STOPPED', 'rule 5c, patient declined treatment'],
    ['36', 'PATIENT_DIED', 'CLOSED', '4.4.1.2 iii, patient died'],
    ['21', 'TRANSFERRED', 'CLOSED', 'Annex C, transfer to another provider'],
  ])('status %s stops the clock as %s (%s)', (code, endReason, phase) => {
    const clock = RttClock.replay([received, status('2026-03-02', code)]);
    expect(clock.phase).toBe(phase);
    expect(clock.currentPeriod).toMatchObject({ endedOn: '2026-03-02', endReason, endStatus: code });
  });

  test('rule 5f: a DNA after the first appointment stops the clock only when the patient is then discharged (34)', () => {
    const events = [received, appointment('2026-02-02', 'ATTENDED', true), appointment('2026-03-02', 'DID_NOT_ATTEND', false, true)];
    expect(RttClock.replay(events).phase).toBe('RUNNING');
    const discharged = RttClock.replay([...events, status('2026-03-09', '34')]);
    expect(discharged.currentPeriod).toMatchObject({ endedOn: '2026-03-09', endReason: 'DECISION_NOT_TO_TREAT' });
  });

  test('discharge after treatment (34) records the decision without a second stop', () => {
    const { clock, effect } = RttClock.replay([received, status('2026-03-02', '30')]).apply(status('2026-05-01', '34'));
    expect(effect).toBe('NONE');
    expect(clock.currentPeriod?.endedOn).toBe('2026-03-02');
  });

  test('a referral rejected at triage closes the clock without a completed pathway', () => {
    const clock = RttClock.replay([received, { kind: 'REFERRAL_REJECTED', on: '2026-01-07' }]);
    expect(clock.phase).toBe('CLOSED');
    expect(clock.currentPeriod).toMatchObject({ endReason: 'REFERRAL_REJECTED', endedOn: '2026-01-07' });
  });

  test('a referral withdrawn before the first appointment closes the clock as a rejection does; once seen, it cannot be', () => {
    const clock = RttClock.replay([received, { kind: 'REFERRAL_WITHDRAWN', on: '2026-01-09' }]);
    expect(clock.phase).toBe('CLOSED');
    expect(clock.currentPeriod).toMatchObject({ endReason: 'REFERRAL_WITHDRAWN', endedOn: '2026-01-09' });
    const seen = RttClock.replay([received, status('2026-01-20', '10')]);
    expect(() => seen.apply({ kind: 'REFERRAL_WITHDRAWN', on: '2026-01-21' })).toThrow(/already been seen.*34 or 35/);
  });
});

describe('first appointment DNA: nullification versus continuation (rule 5e, 4.4.1.3)', () => {
  test('a DNA of the first appointment, clearly communicated, nullifies the clock', () => {
    const { clock, effect } = RttClock.replay([received]).apply(appointment('2026-02-02', 'DID_NOT_ATTEND', true, true));
    expect(effect).toBe('NULLIFIED');
    expect(clock.phase).toBe('NULLIFIED');
    expect(clock.currentPeriod).toMatchObject({ endedOn: '2026-02-02', endReason: 'NULLIFIED', endStatus: '33' });
  });

  test('without evidence the appointment was clearly communicated, the clock continues', () => {
    const { clock, effect } = RttClock.replay([received]).apply(appointment('2026-02-02', 'DID_NOT_ATTEND', true, false));
    expect(effect).toBe('CONTINUED');
    expect(clock.phase).toBe('RUNNING');
    expect(clock.currentPeriod?.startedOn).toBe('2026-01-05');
  });

  test('when scheduling does not say whether it was communicated, the clock continues', () => {
    expect(RttClock.replay([received, appointment('2026-02-02', 'DID_NOT_ATTEND', true, null)]).phase).toBe('RUNNING');
  });

  test('a DNA of a follow-up appointment continues the clock even when clearly communicated', () => {
    expect(RttClock.replay([received, appointment('2026-02-02', 'DID_NOT_ATTEND', false, true)]).phase).toBe('RUNNING');
  });

  test('once the patient has attended, a DNA flagged as a first appointment no longer nullifies', () => {
    const clock = RttClock.replay([
      received,
      appointment('2026-02-02', 'ATTENDED', true),
      appointment('2026-03-02', 'DID_NOT_ATTEND', true, true),
    ]);
    expect(clock.phase).toBe('RUNNING');
  });

  test('an unevidenced DNA leaves the rebooked appointment the first one, so its DNA can nullify', () => {
    const clock = RttClock.replay([
      received,
      appointment('2026-02-02', 'DID_NOT_ATTEND', true, false),
      appointment('2026-03-02', 'DID_NOT_ATTEND', true, true),
    ]);
    expect(clock.currentPeriod).toMatchObject({ endReason: 'NULLIFIED', endedOn: '2026-03-02' });
  });

  test('a first-appointment DNA on a clock started after active monitoring does not nullify (rule 5e is about the referral)', () => {
    const clock = RttClock.replay([
      received,
      status('2026-02-01', '32'),
      status('2026-05-01', '11'),
      appointment('2026-05-20', 'DID_NOT_ATTEND', true, true),
    ]);
    expect(clock.phase).toBe('RUNNING');
  });

  test('status 33 from a clinic outcome nullifies under the same conditions, and is refused after an attendance', () => {
    expect(RttClock.replay([received, status('2026-02-02', '33')]).phase).toBe('NULLIFIED');
    const attended = RttClock.replay([received, appointment('2026-02-02', 'ATTENDED', true)]);
    expect(violationOf(() => attended.apply(status('2026-03-02', '33'))).subject).toBe('rttStatus');
  });

  test('an attendance reported on a nullified clock is refused until the new clock start is recorded', () => {
    const nullified = RttClock.replay([received, appointment('2026-02-02', 'DID_NOT_ATTEND', true, true)]);
    expect(violationOf(() => nullified.apply(appointment('2026-02-20', 'ATTENDED', true))).subject).toBe('outcome');
  });
});

describe('a DNA after the first appointment or a decision to admit (rule 5f): the same rule by either path', () => {
  // The example of issue #14: received 2025-02-10, first appointment (10) 2025-03-03, DNA 2025-04-07.
  const receivedFeb: RttEvent = { kind: 'REFERRAL_RECEIVED', on: '2025-02-10' };
  const diagnosticAdmission: RttEvent = { kind: 'ADMISSION_WITHOUT_TREATMENT', on: '2025-03-03', admission: 'DIAGNOSTIC_ADMISSION' };

  test('status 33 after a first appointment recorded as 10 is refused, and the clock keeps running', () => {
    const seen = RttClock.replay([receivedFeb, status('2025-03-03', '10')]);
    const violation = violationOf(() => seen.apply(status('2025-04-07', '33')));
    expect(violation.subject).toBe('rttStatus');
    expect(violation.message).toMatch(/rule 5e/);
    expect(violation.message).toMatch(/34/);
    expect(seen.phase).toBe('RUNNING');
  });

  test('status 33 after a decision to admit is refused', () => {
    const decided = RttClock.replay([receivedFeb, status('2025-03-03', '20', { decisionToAdmit: true })]);
    expect(violationOf(() => decided.apply(status('2025-04-07', '33'))).subject).toBe('rttStatus');
  });

  test.each([
    ['a first appointment recorded as 10', [status('2025-03-03', '10')]],
    ['a decision to admit', [status('2025-03-03', '20', { decisionToAdmit: true })]],
    ['an admission without treatment', [diagnosticAdmission]],
  ])('a clearly communicated DNA that scheduling calls a first appointment, after %s, continues the clock', (_label, before) => {
    const { clock, effect } = RttClock.replay([receivedFeb, ...before]).apply(appointment('2025-04-07', 'DID_NOT_ATTEND', true, true));
    expect(effect).toBe('CONTINUED');
    expect(clock.phase).toBe('RUNNING');
    expect(clock.currentPeriod).toMatchObject({ startedOn: '2025-02-10', endedOn: null });
  });

  test('a DNA of a slot scheduling calls a follow-up does not nullify, even with no activity recorded before it', () => {
    expect(RttClock.replay([receivedFeb, appointment('2025-04-07', 'DID_NOT_ATTEND', false, true)]).phase).toBe('RUNNING');
  });

  test('rule 5f: after a follow-up DNA, discharge to the GP (34) stops the clock on the date recorded', () => {
    const clock = RttClock.replay([
      receivedFeb,
      status('2025-03-03', '10'),
      appointment('2025-04-07', 'DID_NOT_ATTEND', false, true),
      status('2025-04-07', '34'),
    ]);
    expect(clock.currentPeriod).toMatchObject({ endedOn: '2025-04-07', endReason: 'DECISION_NOT_TO_TREAT', endStatus: '34' });
  });
});

describe('admissions that do not stop the clock (4.3.2.3)', () => {
  test.each(Object.keys(admissionsWithoutTreatment) as AdmissionWithoutTreatment[])(
    '%s is recorded as activity (20) on the running clock',
    (admission) => {
      const decided = RttClock.replay([received, status('2026-02-01', '20', { decisionToAdmit: true })]);
      const { clock, effect, status: shown } = decided.apply({ kind: 'ADMISSION_WITHOUT_TREATMENT', on: '2026-03-02', admission });
      expect(effect).toBe('CONTINUED');
      expect(shown).toBe('20');
      expect(clock.phase).toBe('RUNNING');
      expect(clock.currentPeriod).toMatchObject({ endedOn: null, decisionToAdmitOn: '2026-02-01' });
    },
  );

  test('the later admission for treatment (30, admitted) still stops the clock on its own date', () => {
    const clock = RttClock.replay([
      received,
      status('2026-02-01', '20', { decisionToAdmit: true }),
      { kind: 'ADMISSION_WITHOUT_TREATMENT', on: '2026-03-02', admission: 'TREATMENT_NOT_CARRIED_OUT' },
      status('2026-03-09', '30', { admitted: true }),
    ]);
    expect(clock.currentPeriod).toMatchObject({ endedOn: '2026-03-09', admitted: true, endReason: 'FIRST_DEFINITIVE_TREATMENT' });
  });

  test('an admission without treatment needs a running clock', () => {
    const treated = RttClock.replay([received, status('2026-02-01', '30')]);
    const violation = violationOf(() =>
      treated.apply({ kind: 'ADMISSION_WITHOUT_TREATMENT', on: '2026-03-02', admission: 'DIAGNOSTIC_ADMISSION' }),
    );
    expect(violation.message).toMatch(/no running clock/);
  });
});

/**
 * Every status code in every situation of the clock, written out from the guidance (rules suite 2.2, Annex D)
 * rather than from the status table, so the table is checked against it: `effect phase` after the status is
 * recorded, or `refused`.
 */
describe('every RTT status code in every situation', () => {
  const on = '2026-03-02';
  const situations: Record<string, RttEvent[]> = {
    'before the first appointment': [],
    'after the first appointment': [appointment('2026-02-02', 'ATTENDED', true)],
    'after a follow-up': [status('2026-02-02', '10'), appointment('2026-02-16', 'ATTENDED', false)],
    'after a decision to treat': [status('2026-02-02', '20', { decisionToAdmit: true })],
    'on active monitoring': [status('2026-02-02', '32')],
    'after treatment': [status('2026-02-02', '30')],
    'after a decision not to treat': [status('2026-02-02', '34')],
    'after a nullifying DNA': [appointment('2026-02-02', 'DID_NOT_ATTEND', true, true)],
    'after the patient died': [status('2026-02-02', '36')],
  };
  const running = 'CONTINUED RUNNING';
  const refused = 'refused';
  // Columns in the order of `situations`.
  const expected: Record<string, string[]> = {
    '10': [running, running, running, running, refused, 'STARTED RUNNING', 'STARTED RUNNING', 'STARTED RUNNING', refused],
    '11': [refused, refused, refused, refused, 'STARTED RUNNING', refused, refused, refused, refused],
    '12': Array(9).fill(refused),
    '20': [running, running, running, running, refused, refused, refused, refused, refused],
    '21': [...Array(4).fill('TRANSFERRED CLOSED'), refused, refused, refused, refused, refused],
    '30': [...Array(4).fill('STOPPED STOPPED'), refused, refused, refused, refused, refused],
    '31': [...Array(4).fill('STOPPED ACTIVE_MONITORING'), refused, refused, refused, refused, refused],
    '32': [...Array(4).fill('STOPPED ACTIVE_MONITORING'), refused, refused, refused, refused, refused],
    '33': ['NULLIFIED NULLIFIED', refused, refused, refused, refused, refused, refused, refused, refused],
    '34': [...Array(4).fill('STOPPED STOPPED'), 'NONE STOPPED', 'NONE STOPPED', 'NONE STOPPED', 'NONE NULLIFIED', refused],
    '35': [...Array(4).fill('STOPPED STOPPED'), 'NONE STOPPED', 'NONE STOPPED', 'NONE STOPPED', 'NONE NULLIFIED', refused],
    '36': [...Array(4).fill('STOPPED CLOSED'), ...Array(4).fill('NONE CLOSED'), refused],
    '90': [refused, refused, refused, refused, refused, 'NONE STOPPED', refused, refused, refused],
    '91': [refused, refused, refused, refused, 'NONE ACTIVE_MONITORING', refused, refused, refused, refused],
  };
  const noEffect = [...Array(4).fill(running), 'NONE ACTIVE_MONITORING', 'NONE STOPPED', 'NONE STOPPED', 'NONE NULLIFIED', refused];
  for (const code of ['92', '98', '99']) expected[code] = noEffect;

  test('the table covers all 17 codes', () => {
    expect(Object.keys(expected).sort()).toEqual(rttStatuses.map((s) => s.code).sort());
  });

  const cases = Object.entries(expected).flatMap(([code, row]) =>
    Object.keys(situations).map((situation, column) => [code, situation, row[column]!] as const),
  );
  test.each(cases)('status %s %s: %s', (code, situation, outcome) => {
    const clock = RttClock.replay([received, ...situations[situation]!]);
    let actual: string;
    try {
      const applied = clock.apply(status(on, code));
      actual = `${applied.effect} ${applied.clock.phase}`;
    } catch (error) {
      expect(error).toBeInstanceOf(RttRuleViolation);
      actual = refused;
    }
    expect(actual).toBe(outcome);
  });

  test.each(Object.keys(situations))('a DNA reported by scheduling %s nullifies exactly when status 33 would', (situation) => {
    const clock = RttClock.replay([received, ...situations[situation]!]);
    let byStatus: boolean;
    try {
      byStatus = clock.apply(status(on, '33')).effect === 'NULLIFIED';
    } catch {
      byStatus = false;
    }
    let byScheduling: boolean;
    try {
      byScheduling = clock.apply(appointment(on, 'DID_NOT_ATTEND', true, true)).effect === 'NULLIFIED';
    } catch {
      byScheduling = false;
    }
    expect(byScheduling).toBe(byStatus);
  });
});

describe('no pauses: cancellations and patient-initiated delays do not stop the clock (4.4.2, section 8)', () => {
  test.each(['CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL'] as const)(
    '%s leaves the clock running from the original start',
    (outcome) => {
      const { clock, effect } = RttClock.replay([received]).apply(appointment('2026-02-02', outcome, true));
      expect(effect).toBe('CONTINUED');
      expect(clock.phase).toBe('RUNNING');
      expect(clock.periods).toEqual([expect.objectContaining({ startedOn: '2026-01-05', endedOn: null })]);
    },
  );

  test('repeated patient cancellations over months do not move the clock start', () => {
    const clock = RttClock.replay([
      received,
      appointment('2026-02-02', 'CANCELLED_BY_PATIENT', true),
      appointment('2026-04-02', 'CANCELLED_BY_PATIENT', true),
      appointment('2026-06-02', 'CANCELLED_BY_PATIENT', true),
    ]);
    expect(clock.currentPeriod).toMatchObject({ startedOn: '2026-01-05', endedOn: null });
  });
});

describe('bad events change nothing', () => {
  test('an event dated before the latest one is out of order', () => {
    const clock = RttClock.replay([received, appointment('2026-03-02', 'ATTENDED', true)]);
    const violation = violationOf(() => clock.apply(status('2026-02-01', '30')));
    expect(violation.subject).toBe('occurredOn');
    expect(violation.message).toMatch(/order/);
    expect(clock.phase).toBe('RUNNING');
  });

  test('an event dated before the clock start is out of order', () => {
    expect(violationOf(() => RttClock.replay([received, status('2026-01-04', '30')])).subject).toBe('occurredOn');
  });

  test('a stop before any start is refused', () => {
    expect(violationOf(() => RttClock.notStarted().apply(status('2026-01-05', '30'))).message).toMatch(/no running clock/);
  });

  test('a second stop after treatment is refused: there is no running clock to stop', () => {
    const treated = RttClock.replay([received, status('2026-03-02', '30')]);
    expect(violationOf(() => treated.apply(status('2026-03-03', '30'))).message).toMatch(/no running clock/);
  });

  test('an unknown status code is refused naming the status', () => {
    const violation = violationOf(() => RttClock.replay([received]).apply(status('2026-02-01', '37')));
    expect(violation.subject).toBe('rttStatus');
    expect(violation.message).toMatch(/37 is not an RTT status code/);
  });

  test('`admitted` goes only with status 30, a decision to admit only with 10, 11 or 20', () => {
    const clock = RttClock.replay([received]);
    expect(violationOf(() => clock.apply(status('2026-02-01', '20', { admitted: true }))).subject).toBe('admitted');
    expect(violationOf(() => clock.apply(status('2026-02-01', '30', { decisionToAdmit: true }))).subject).toBe('decisionToAdmit');
  });

  test('90 needs a treated clock, 91 needs active monitoring', () => {
    const running = RttClock.replay([received]);
    expect(() => running.apply(status('2026-02-01', '90'))).toThrow(RttRuleViolation);
    expect(() => running.apply(status('2026-02-01', '91'))).toThrow(RttRuleViolation);
    expect(RttClock.replay([received, status('2026-02-01', '30'), status('2026-03-01', '90')]).phase).toBe('STOPPED');
    expect(RttClock.replay([received, status('2026-02-01', '31'), status('2026-03-01', '91')]).phase).toBe('ACTIVE_MONITORING');
  });

  test('nothing can be recorded on the clock of a closed pathway', () => {
    const died = RttClock.replay([received, status('2026-02-01', '36')]);
    expect(() => died.apply(status('2026-03-01', '10'))).toThrow(RttRuleViolation);
  });
});
