import type { CalendarDate } from './calendar-date.js';
import type { AppointmentOutcome, ClockEffect, RttEvent } from './rtt-event.js';
import type { ClockStartRule, PeriodEndReason, RttPeriod } from './rtt-period.js';
import { RttRuleViolation } from './rtt-rule-violation.js';
import { rttStatus, type RttStatusEffect } from './status-codes.js';

/**
 * Where a pathway's clock stands. There are no pauses (guidance 1.1, since October 2015): a clock runs until
 * it stops, and only the events of rules 3 and 4/5 change that.
 */
export type ClockPhase =
  | 'NOT_STARTED'
  | 'RUNNING'
  /** Stopped by treatment, a decision not to treat or the patient declining; rule 3 may start a new clock. */
  | 'STOPPED'
  /** Stopped for active monitoring; a decision to treat (11) starts a new clock. */
  | 'ACTIVE_MONITORING'
  /** Nullified by a first-appointment DNA; rebooking (10) starts a new clock. */
  | 'NULLIFIED'
  /** Nothing further: the patient died, care moved to another provider, or the referral was rejected. */
  | 'CLOSED';

export interface RttClockState {
  readonly phase: ClockPhase;
  /** The date of the latest event folded in; events must come in date order. */
  readonly lastEventOn: CalendarDate | null;
  /** Every period so far, oldest first; only the last can be running. */
  readonly periods: readonly RttPeriod[];
}

export interface AppliedEvent {
  readonly clock: RttClock;
  readonly effect: ClockEffect;
}

/** A decision to admit keeps the clock running (it is counted in part 2a of the return, 10.1.1.2). */
const decisionToAdmitEffects: ReadonlySet<RttStatusEffect> = new Set(['first-activity', 'end-active-monitoring', 'continue']);

interface Transition {
  readonly phase: ClockPhase;
  readonly periods: readonly RttPeriod[];
  readonly effect: ClockEffect;
}

/**
 * The RTT clock of one patient pathway as a state machine: `apply` folds one event into a new clock (this one
 * is never changed) or throws an RttRuleViolation naming what the rules do not allow.
 * Rule numbers are those of the national rules suite (guidance section 2.2).
 */
export class RttClock {
  private constructor(readonly state: RttClockState) {}

  static notStarted(): RttClock {
    return new RttClock({ phase: 'NOT_STARTED', lastEventOn: null, periods: [] });
  }

  /** A clock as it was stored. */
  static resume(state: RttClockState): RttClock {
    return new RttClock(state);
  }

  static replay(events: readonly RttEvent[]): RttClock {
    return events.reduce((clock, event) => clock.apply(event).clock, RttClock.notStarted());
  }

  get phase(): ClockPhase {
    return this.state.phase;
  }

  get periods(): readonly RttPeriod[] {
    return this.state.periods;
  }

  /** The latest period, running or not. */
  get currentPeriod(): RttPeriod | undefined {
    return this.state.periods.at(-1);
  }

  apply(event: RttEvent): AppliedEvent {
    const { lastEventOn } = this.state;
    if (lastEventOn !== null && event.on < lastEventOn) {
      throw new RttRuleViolation(
        `Events must be recorded in the order they happened: this pathway already has an event on ${lastEventOn}, after ${event.on}.`,
        'occurredOn',
      );
    }
    const next = this.transition(event);
    return { clock: new RttClock({ phase: next.phase, periods: next.periods, lastEventOn: event.on }), effect: next.effect };
  }

  private transition(event: RttEvent): Transition {
    switch (event.kind) {
      case 'REFERRAL_RECEIVED':
        if (this.phase !== 'NOT_STARTED') throw new RttRuleViolation('This pathway’s referral has already been received.', 'occurredOn');
        // Rule 1: the clock starts on the date the provider receives the referral (3.2.1).
        return this.startClock(event.on, 'REFERRAL');
      case 'REFERRAL_REJECTED': {
        const period = this.running('rejecting the referral');
        if (period.attended)
          throw new RttRuleViolation('The patient has already been seen on this referral, so it can no longer be rejected.', 'occurredOn');
        return this.endClock(event.on, 'REFERRAL_REJECTED', null, 'CLOSED', 'STOPPED');
      }
      case 'APPOINTMENT_OUTCOME':
        return this.appointmentOutcome(event.on, event.outcome, event.firstAppointment, event.dnaCommunicatedClearly);
      case 'RTT_STATUS':
        return this.rttStatus(event);
    }
  }

  private appointmentOutcome(
    on: CalendarDate,
    outcome: AppointmentOutcome,
    firstAppointment: boolean,
    communicated: boolean | null,
  ): Transition {
    if (this.phase === 'NOT_STARTED') throw this.noRunningClock('recording an appointment outcome');
    if (this.phase === 'NULLIFIED' && outcome === 'ATTENDED') {
      throw new RttRuleViolation(
        `The clock was nullified on ${this.currentPeriod?.endedOn} after a first-appointment DNA. Record the new clock start first: RTT status 10 on the date the patient contacted the trust to rebook (guidance 3.4.5).`,
        'outcome',
      );
    }
    // Outside a running clock, appointments are follow-ups after treatment (90) or during monitoring (91).
    if (this.phase !== 'RUNNING') return this.unchanged('NONE');
    const period = this.running('recording an appointment outcome');
    switch (outcome) {
      case 'ATTENDED':
        return this.updateRunning({ attended: true }, 'CONTINUED');
      case 'DID_NOT_ATTEND':
        // Rule 5e (4.4.1.3): only a clearly communicated first appointment DNA nullifies; any other DNA leaves
        // the clock ticking until a clinician discharges the patient (rule 5f, recorded as 34).
        if (firstAppointment && communicated === true && this.canNullify(period))
          return this.endClock(on, 'NULLIFIED', '33', 'NULLIFIED', 'NULLIFIED');
        return this.unchanged('CONTINUED');
      case 'CANCELLED_BY_PATIENT':
      case 'CANCELLED_BY_HOSPITAL':
        // 4.4.2: a cancelled or rearranged appointment, by either side, does not stop the clock.
        return this.unchanged('CONTINUED');
    }
  }

  private rttStatus(event: Extract<RttEvent, { kind: 'RTT_STATUS' }>): Transition {
    const status = rttStatus(event.code);
    if (!status) {
      throw new RttRuleViolation(
        `${event.code} is not an RTT status code. Use one of 10, 11, 12, 20, 21, 30–36, 90, 91, 92, 98 or 99 (guidance Annex D).`,
        'rttStatus',
      );
    }
    if (event.admitted && status.effect !== 'stop-treatment') {
      throw new RttRuleViolation('`admitted` only applies to status 30 (first definitive treatment).', 'admitted');
    }
    if (event.decisionToAdmit && !decisionToAdmitEffects.has(status.effect)) {
      throw new RttRuleViolation('A decision to admit is recorded with status 10, 11 or 20, on a running clock.', 'decisionToAdmit');
    }
    const next = this.statusTransition(event.on, event.code, status.effect, event.admitted ?? false);
    if (event.decisionToAdmit) return this.decideToAdmit(next, event.on);
    return next;
  }

  private statusTransition(on: CalendarDate, code: string, effect: RttStatusEffect, admitted: boolean): Transition {
    switch (effect) {
      case 'first-activity':
        return this.firstActivity(on);
      case 'end-active-monitoring':
        if (this.phase !== 'ACTIVE_MONITORING') {
          throw new RttRuleViolation(
            'Status 11 ends a period of active monitoring, but this patient is not on active monitoring.',
            'rttStatus',
          );
        }
        // Rule 3d, 3.4.4: the new clock starts on the date the decision to treat is made and communicated.
        return this.startClock(on, 'ACTIVE_MONITORING_ENDED');
      case 'separate-condition':
        throw new RttRuleViolation(
          'Status 12 starts a new pathway for a separate condition (Annex E): record a new referral for it instead.',
          'rttStatus',
        );
      case 'continue':
        this.running(`recording status ${code}`);
        return this.unchanged('CONTINUED');
      case 'transfer':
        this.running(`recording status ${code}`);
        return this.endClock(on, 'TRANSFERRED', code, 'CLOSED', 'TRANSFERRED');
      case 'stop-treatment':
        this.running('stopping the clock for treatment');
        // 4.3.2.3: an admission for treatment stops the clock on the admission date, the date of this event.
        return this.endClock(on, 'FIRST_DEFINITIVE_TREATMENT', code, 'STOPPED', 'STOPPED', admitted);
      case 'stop-active-monitoring':
        this.running('starting active monitoring');
        return this.endClock(on, 'ACTIVE_MONITORING', code, 'ACTIVE_MONITORING', 'STOPPED');
      case 'nullify':
        return this.nullifyByStatus(on, code);
      case 'stop-decision-not-to-treat':
        return this.stopWithoutTreatment(on, code, 'DECISION_NOT_TO_TREAT', 'STOPPED');
      case 'stop-patient-declined':
        return this.stopWithoutTreatment(on, code, 'PATIENT_DECLINED', 'STOPPED');
      case 'stop-died':
        return this.stopWithoutTreatment(on, code, 'PATIENT_DIED', 'CLOSED');
      case 'after-treatment':
        if (this.phase !== 'STOPPED' || this.currentPeriod?.endReason !== 'FIRST_DEFINITIVE_TREATMENT') {
          throw new RttRuleViolation(
            'Status 90 is for activity after first definitive treatment, and this pathway has no treated clock.',
            'rttStatus',
          );
        }
        return this.unchanged('NONE');
      case 'during-active-monitoring':
        if (this.phase !== 'ACTIVE_MONITORING') {
          throw new RttRuleViolation(
            'Status 91 is for activity during active monitoring, and this patient is not on active monitoring.',
            'rttStatus',
          );
        }
        return this.unchanged('NONE');
      case 'no-effect':
        if (this.phase === 'NOT_STARTED' || this.phase === 'CLOSED') throw this.noRunningClock(`recording status ${code}`);
        return this.unchanged(this.phase === 'RUNNING' ? 'CONTINUED' : 'NONE');
    }
  }

  /** 10: the first care activity on a running clock, or the start of a new clock on a stopped one (rule 3). */
  private firstActivity(on: CalendarDate): Transition {
    switch (this.phase) {
      case 'RUNNING':
        return this.unchanged('CONTINUED');
      case 'STOPPED':
        // Rules 3a and 3b: the second side of a bilateral procedure, or a substantively new treatment (3.4.1, 3.4.2).
        return this.startClock(on, 'SUBSEQUENT_TREATMENT');
      case 'NULLIFIED':
        // Rule 3e (3.4.5): the patient rebooked, or the clinician decided to offer another first appointment.
        return this.startClock(on, 'REBOOKED_AFTER_DNA');
      case 'ACTIVE_MONITORING':
        throw new RttRuleViolation(
          'This patient is on active monitoring: a decision to treat starts a new clock with status 11, not 10.',
          'rttStatus',
        );
      case 'NOT_STARTED':
      case 'CLOSED':
        throw this.noRunningClock('recording status 10');
    }
  }

  /** 33 recorded from a clinic outcome: the same conditions as a first-appointment DNA reported by scheduling. */
  private nullifyByStatus(on: CalendarDate, code: string): Transition {
    const period = this.running('nullifying the clock');
    if (!this.canNullify(period)) {
      throw new RttRuleViolation(
        'Status 33 only applies to a DNA of the first appointment of a clock started by a referral (rule 5e); a later DNA leaves the clock running until the patient is discharged (34).',
        'rttStatus',
      );
    }
    return this.endClock(on, 'NULLIFIED', code, 'NULLIFIED', 'NULLIFIED');
  }

  /**
   * 34, 35, 36 on a running clock stop it. After the clock has already stopped (treatment, active monitoring, a
   * nullifying DNA) they record the decision, e.g. discharge with no further contact, without a second stop.
   */
  private stopWithoutTreatment(on: CalendarDate, code: string, reason: PeriodEndReason, phase: ClockPhase): Transition {
    if (this.phase === 'RUNNING') return this.endClock(on, reason, code, phase, 'STOPPED');
    if (this.phase === 'NOT_STARTED' || this.phase === 'CLOSED') throw this.noRunningClock(`recording status ${code}`);
    const after: ClockPhase = phase === 'CLOSED' || this.phase !== 'NULLIFIED' ? phase : 'NULLIFIED';
    return { phase: after, periods: this.periods, effect: 'NONE' };
  }

  private decideToAdmit(next: Transition, on: CalendarDate): Transition {
    const period = next.periods.at(-1);
    if (next.phase !== 'RUNNING' || !period) {
      throw new RttRuleViolation('A decision to admit is recorded with status 10, 11 or 20, on a running clock.', 'decisionToAdmit');
    }
    return { ...next, periods: [...next.periods.slice(0, -1), { ...period, decisionToAdmitOn: period.decisionToAdmitOn ?? on }] };
  }

  /** Rule 5e covers the first appointment after the referral that started the clock, and after a rebooking (3e). */
  private canNullify(period: RttPeriod): boolean {
    return !period.attended && (period.startRule === 'REFERRAL' || period.startRule === 'REBOOKED_AFTER_DNA');
  }

  private startClock(on: CalendarDate, startRule: ClockStartRule): Transition {
    const period: RttPeriod = {
      startedOn: on,
      startRule,
      endedOn: null,
      endReason: null,
      endStatus: null,
      admitted: false,
      decisionToAdmitOn: null,
      attended: false,
    };
    return { phase: 'RUNNING', periods: [...this.periods, period], effect: 'STARTED' };
  }

  private endClock(
    on: CalendarDate,
    endReason: PeriodEndReason,
    endStatus: string | null,
    phase: ClockPhase,
    effect: ClockEffect,
    admitted = false,
  ): Transition {
    return { ...this.updateRunning({ endedOn: on, endReason, endStatus, admitted }, effect), phase };
  }

  private updateRunning(change: Partial<RttPeriod>, effect: ClockEffect): Transition {
    const period = this.running('changing the clock');
    return { phase: 'RUNNING', periods: [...this.periods.slice(0, -1), { ...period, ...change }], effect };
  }

  private unchanged(effect: ClockEffect): Transition {
    return { phase: this.phase, periods: this.periods, effect };
  }

  private running(doing: string): RttPeriod {
    const period = this.currentPeriod;
    if (this.phase !== 'RUNNING' || !period) throw this.noRunningClock(doing);
    return period;
  }

  private noRunningClock(doing: string): RttRuleViolation {
    const period = this.currentPeriod;
    const since = period?.endedOn ?? '';
    const why: Record<ClockPhase, string> = {
      NOT_STARTED: 'no clock has started on this pathway; the referral’s receipt starts it',
      RUNNING: '',
      STOPPED: `the clock stopped on ${since}; record status 10 first if a new clock starts (rules 3a, 3b)`,
      ACTIVE_MONITORING: `the patient has been on active monitoring since ${since}; status 11 starts a new clock when a decision to treat is made (rule 3d)`,
      NULLIFIED: `the clock was nullified on ${since} by a first-appointment DNA; status 10 starts a new clock when the patient rebooks (rule 3e)`,
      CLOSED: 'this pathway is closed, so nothing more can be recorded on its clock',
    };
    return new RttRuleViolation(`There is no running clock for ${doing}: ${why[this.phase]}.`, 'rttStatus');
  }
}
