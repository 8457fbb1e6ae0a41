import type { CalendarDate } from './calendar-date.js';
import { admissionWithoutTreatmentStatus } from './admission-without-treatment.js';
import { isRunning, situationOf, type ClockPhase, type ClockSituation } from './clock-situation.js';
import { judgeDna, type Dna } from './first-appointment-dna.js';
import type { AppointmentOutcome, ClockEffect, RttEvent } from './rtt-event.js';
import type { ClockStartRule, PeriodEndReason, RttPeriod } from './rtt-period.js';
import { RttRuleViolation } from './rtt-rule-violation.js';
import { rttStatus, type RttStatus, type StatusOutcome } from './status-codes.js';

export type { ClockPhase } from './clock-situation.js';

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
  /** The RTT status the event shows on the timeline: its own, or the one that ended the clock (33 for a nullifying DNA). */
  readonly status: string | null;
}

interface Transition {
  readonly phase: ClockPhase;
  readonly periods: readonly RttPeriod[];
  readonly effect: ClockEffect;
}

/** Clocks started by the referral (rule 1) or a rebooking after a nullifying DNA (rule 3e) await a first appointment. */
const awaitFirstAppointment: ReadonlySet<ClockStartRule> = new Set(['REFERRAL', 'REBOOKED_AFTER_DNA']);

const endEffects: Partial<Record<PeriodEndReason, ClockEffect>> = { NULLIFIED: 'NULLIFIED', TRANSFERRED: 'TRANSFERRED' };

/**
 * The RTT clock of one patient pathway as a state machine: `apply` folds one event into a new clock (this one
 * is never changed) or throws an RttRuleViolation naming what the rules do not allow. What an RTT status does
 * is looked up in the status table (status-codes.ts); what a DNA does, in the one DNA rule (first-appointment-dna.ts).
 * Rule numbers are those of the national rules suite (guidance section 2.2).
 */
export class RttClock {
  private constructor(readonly state: RttClockState) {}

  static notStarted(): RttClock {
    return new RttClock({ phase: 'NOT_STARTED', lastEventOn: null, periods: [] });
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

  get situation(): ClockSituation {
    return situationOf(this.phase, this.currentPeriod);
  }

  apply(event: RttEvent): AppliedEvent {
    const { lastEventOn } = this.state;
    if (lastEventOn !== null && event.on < lastEventOn) {
      throw new RttRuleViolation(
        `Events must be folded in the order they happened: this clock already has an event on ${lastEventOn}, after ${event.on}.`,
        'occurredOn',
      );
    }
    const next = this.transition(event);
    const clock = new RttClock({ phase: next.phase, periods: next.periods, lastEventOn: event.on });
    return { clock, effect: next.effect, status: timelineStatus(event, next.effect, clock) };
  }

  /** A referral is rejected or withdrawn only while its patient waits for the first appointment. */
  private requireAwaitingFirstAppointment(outcome: string, doing: string): void {
    if (this.situation === 'AWAITING_FIRST_APPOINTMENT') return;
    if (isRunning(this.situation)) {
      throw new RttRuleViolation(`The patient has already been seen on this referral, so it can no longer be ${outcome}.`, 'occurredOn');
    }
    throw this.noRunningClock(doing);
  }

  private transition(event: RttEvent): Transition {
    switch (event.kind) {
      case 'REFERRAL_RECEIVED':
        if (this.phase !== 'NOT_STARTED') throw new RttRuleViolation('This pathway’s referral has already been received.', 'occurredOn');
        // Rule 1: the clock starts on the date the provider receives the referral (3.2.1).
        return this.startClock(event.on, 'REFERRAL');
      case 'REFERRAL_REJECTED':
        this.requireAwaitingFirstAppointment('rejected', 'rejecting the referral');
        return this.endClock(event.on, 'REFERRAL_REJECTED', null, 'CLOSED');
      case 'REFERRAL_WITHDRAWN':
        // Once the patient has been seen, the provider discharges them instead (status 34, or 35 if they decline).
        this.requireAwaitingFirstAppointment('withdrawn: record its outcome instead (RTT status 34 or 35)', 'withdrawing the referral');
        return this.endClock(event.on, 'REFERRAL_WITHDRAWN', null, 'CLOSED');
      case 'APPOINTMENT_OUTCOME':
        return this.appointmentOutcome(event.on, event.outcome, {
          firstAppointment: event.firstAppointment,
          communicatedClearly: event.dnaCommunicatedClearly,
        });
      case 'RTT_STATUS':
        return this.rttStatus(event);
      case 'ADMISSION_WITHOUT_TREATMENT':
        // 4.3.2.3: a diagnostic, pre-treatment or pre-operative admission, or one whose procedure was not carried
        // out, does not stop the clock: it is activity on the running clock, as status 20.
        return this.outcomeOf(this.status(admissionWithoutTreatmentStatus), event.on, admissionWithoutTreatmentStatus);
    }
  }

  private appointmentOutcome(on: CalendarDate, outcome: AppointmentOutcome, dna: Dna): Transition {
    const situation = this.situation;
    if (situation === 'NOT_STARTED') throw this.noRunningClock('recording an appointment outcome');
    if (situation === 'NULLIFIED' && outcome === 'ATTENDED') {
      throw new RttRuleViolation(
        `The clock was nullified on ${this.currentPeriod?.endedOn} after a first-appointment DNA. Record the new clock start first: RTT status 10 on the date the patient contacted the trust to rebook (guidance 3.4.5).`,
        'outcome',
      );
    }
    // Outside a running clock, appointments are follow-ups after treatment (90) or during monitoring (91).
    if (!isRunning(situation)) return this.unchanged('NONE');
    switch (outcome) {
      case 'ATTENDED':
        return this.updateRunning({ attended: true }, 'CONTINUED');
      case 'DID_NOT_ATTEND':
        // A DNA that does not nullify leaves the clock ticking until a clinician discharges the patient (rule 5f, 34).
        if (judgeDna(situation, dna) === 'NULLIFIES') return this.endClock(on, 'NULLIFIED', '33', 'NULLIFIED');
        return this.unchanged('CONTINUED');
      case 'CANCELLED_BY_PATIENT':
      case 'CANCELLED_BY_HOSPITAL':
        // 4.4.2: a cancelled or rearranged appointment, by either side, does not stop the clock.
        return this.unchanged('CONTINUED');
    }
  }

  private rttStatus(event: Extract<RttEvent, { kind: 'RTT_STATUS' }>): Transition {
    const status = this.status(event.code);
    if (event.admitted && !status.admission) {
      throw new RttRuleViolation('`admitted` only applies to status 30 (first definitive treatment).', 'admitted');
    }
    if (event.decisionToAdmit && !status.decisionToAdmit) {
      throw new RttRuleViolation('A decision to admit is recorded with status 10, 11 or 20, on a running clock.', 'decisionToAdmit');
    }
    const next = this.outcomeOf(status, event.on, event.code, event.admitted ?? false);
    return event.decisionToAdmit ? decideToAdmit(next, event.on) : next;
  }

  private status(code: string): RttStatus {
    const status = rttStatus(code);
    if (!status) {
      throw new RttRuleViolation(
        `${code} is not an RTT status code. Use one of 10, 11, 12, 20, 21, 30–36, 90, 91, 92, 98 or 99 (guidance Annex D).`,
        'rttStatus',
      );
    }
    return status;
  }

  /** What the status table says this status does in the clock's situation. */
  private outcomeOf(status: RttStatus, on: CalendarDate, code: string, admitted = false): Transition {
    const situation = this.situation;
    const outcome: StatusOutcome | undefined = status.outcomes[situation];
    if (!outcome) {
      const why = status.refusals?.[situation] ?? status.refusal;
      throw why ? new RttRuleViolation(why, 'rttStatus') : this.noRunningClock(`recording status ${code}`);
    }
    switch (outcome.kind) {
      case 'START':
        return this.startClock(on, outcome.rule);
      case 'CONTINUE':
        return outcome.seen ? this.updateRunning({ attended: true }, 'CONTINUED') : this.unchanged('CONTINUED');
      case 'STOP':
        return this.endClock(on, outcome.reason, code, outcome.phase, admitted);
      case 'FIRST_APPOINTMENT_DNA':
        return this.firstAppointmentDna(on, code, situation);
      case 'RECORD':
        return { phase: outcome.phase ?? this.phase, periods: this.periods, effect: 'NONE' };
    }
  }

  /** 33 from a clinic outcome asserts a clearly communicated first-appointment DNA: the DNA rule must agree. */
  private firstAppointmentDna(on: CalendarDate, code: string, situation: ClockSituation): Transition {
    switch (judgeDna(situation, { firstAppointment: true, communicatedClearly: true })) {
      case 'NULLIFIES':
        return this.endClock(on, 'NULLIFIED', code, 'NULLIFIED');
      case 'NOT_FIRST_APPOINTMENT':
        throw new RttRuleViolation(
          'Status 33 only applies to a DNA of the first appointment of a clock started by a referral (rule 5e). The patient has ' +
            'already been seen on this clock (or it was started by a clinical decision), so a DNA leaves the clock running; ' +
            'if the patient is discharged back to their GP under the DNA policy, record 34 (rule 5f).',
          'rttStatus',
        );
      case 'NOT_COMMUNICATED':
        throw new RttRuleViolation('Status 33 needs evidence that the appointment was clearly communicated (rule 5e).', 'rttStatus');
    }
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
      // A clock started by a clinical decision (rules 3a, 3b, 3d) starts with the patient already under care.
      attended: !awaitFirstAppointment.has(startRule),
    };
    return { phase: 'RUNNING', periods: [...this.periods, period], effect: 'STARTED' };
  }

  private endClock(
    on: CalendarDate,
    endReason: PeriodEndReason,
    endStatus: string | null,
    phase: ClockPhase,
    admitted = false,
  ): Transition {
    const effect = endEffects[endReason] ?? 'STOPPED';
    return { ...this.updateRunning({ endedOn: on, endReason, endStatus, admitted }, effect), phase };
  }

  private updateRunning(change: Partial<RttPeriod>, effect: ClockEffect): Transition {
    const period = this.currentPeriod;
    if (this.phase !== 'RUNNING' || !period) throw this.noRunningClock('changing the clock');
    return { phase: 'RUNNING', periods: [...this.periods.slice(0, -1), { ...period, ...change }], effect };
  }

  private unchanged(effect: ClockEffect): Transition {
    return { phase: this.phase, periods: this.periods, effect };
  }

  private noRunningClock(doing: string): RttRuleViolation {
    const since = this.currentPeriod?.endedOn ?? '';
    const why: Record<ClockPhase, string> = {
      NOT_STARTED: 'no clock has started on this pathway; the referral’s receipt starts it',
      RUNNING: 'the clock is running',
      STOPPED: `the clock stopped on ${since}; record status 10 first if a new clock starts (rules 3a, 3b)`,
      ACTIVE_MONITORING: `the patient has been on active monitoring since ${since}; status 11 starts a new clock when a decision to treat is made (rule 3d)`,
      NULLIFIED: `the clock was nullified on ${since} by a first-appointment DNA; status 10 starts a new clock when the patient rebooks (rule 3e)`,
      CLOSED: 'this pathway is closed, so nothing more can be recorded on its clock',
    };
    return new RttRuleViolation(`There is no running clock for ${doing}: ${why[this.phase]}.`, 'rttStatus');
  }
}

/** A decision to admit keeps the clock running (it is counted in part 2a of the return, 10.1.1.2). */
function decideToAdmit(next: Transition, on: CalendarDate): Transition {
  const period = next.periods.at(-1);
  if (next.phase !== 'RUNNING' || !period) {
    throw new RttRuleViolation('A decision to admit is recorded with status 10, 11 or 20, on a running clock.', 'decisionToAdmit');
  }
  const decided = { ...period, attended: true, decisionToAdmitOn: period.decisionToAdmitOn ?? on };
  return { ...next, periods: [...next.periods.slice(0, -1), decided] };
}

/** The RTT status an event shows on the timeline (Annex D): its own, its national mapping, or the one that ended the clock. */
function timelineStatus(event: RttEvent, effect: ClockEffect, clock: RttClock): string | null {
  switch (event.kind) {
    case 'RTT_STATUS':
      return event.code;
    case 'ADMISSION_WITHOUT_TREATMENT':
      return admissionWithoutTreatmentStatus;
    default:
      return effect === 'NULLIFIED' || effect === 'STOPPED' || effect === 'TRANSFERRED' ? (clock.currentPeriod?.endStatus ?? null) : null;
  }
}
