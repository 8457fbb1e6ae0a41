import { RttClock } from './rtt-clock.js';
import type { ClockEffect, RttEvent } from './rtt-event.js';
import { RttRuleViolation } from './rtt-rule-violation.js';

/** What one event of a pathway's history did, once the history is folded in the order things happened. */
export interface DerivedStep {
  readonly effect: ClockEffect;
  /** The RTT status the event shows on the timeline. */
  readonly status: string | null;
}

export interface Insertion {
  /** Where the new event sits among the pathway's events in the order they happened. */
  readonly position: number;
  /** True when events that happened later were already recorded: the new event was entered after the fact. */
  readonly beforeLaterEvents: boolean;
  /** The clock after every event, the new one included. */
  readonly clock: RttClock;
  /** One step per event, the new one at `position`. */
  readonly steps: readonly DerivedStep[];
}

/**
 * The pathway's history cannot be folded again with the new event in it: its date puts it before events already
 * recorded, and the rules then refuse one of those (e.g. a nullifying DNA dated before an attendance). Nothing
 * is recorded until the history is put right.
 */
export class ClockHistoryConflict extends Error {
  constructor(
    readonly refused: RttEvent,
    readonly violation: RttRuleViolation,
    later: boolean,
  ) {
    super(
      later
        ? `Recorded on this date, the event would come before the ${describe(refused)} of ${refused.on}, which the rules would then ` +
            `refuse: ${violation.message} Record the missing events in between first (e.g. the new clock start), or date it differently.`
        : `The ${describe(refused)} of ${refused.on} already on this pathway no longer satisfies the rules: ${violation.message}`,
    );
    this.name = 'ClockHistoryConflict';
  }
}

/**
 * Places a new event among a pathway's clock events in the order they happened — after any already recorded on
 * the same day — and folds the whole history again. So an event entered late (a back-entered appointment, a
 * clinic outcome cashed up after later events) moves the clock exactly as it would have live, and what later
 * events did is derived again. Throws RttRuleViolation when the rules refuse the new event itself, and
 * ClockHistoryConflict when they would refuse another.
 */
export function insertClockEvent(history: readonly RttEvent[], event: RttEvent): Insertion {
  const clockStart = history[0];
  if (clockStart && event.on < clockStart.on) {
    throw new RttRuleViolation(`The clock of this pathway started on ${clockStart.on}; nothing on it can be dated earlier.`, 'occurredOn');
  }
  const position = history.filter((earlier) => earlier.on <= event.on).length;
  const events = [...history.slice(0, position), event, ...history.slice(position)];
  let clock = RttClock.notStarted();
  const steps: DerivedStep[] = [];
  for (const [index, each] of events.entries()) {
    try {
      const applied = clock.apply(each);
      clock = applied.clock;
      steps.push({ effect: applied.effect, status: applied.status });
    } catch (error) {
      if (index === position || !(error instanceof RttRuleViolation)) throw error;
      throw new ClockHistoryConflict(each, error, index > position);
    }
  }
  return { position, beforeLaterEvents: position < history.length, clock, steps };
}

function describe(event: RttEvent): string {
  switch (event.kind) {
    case 'REFERRAL_RECEIVED':
      return 'referral receipt';
    case 'REFERRAL_REJECTED':
      return 'rejection of the referral';
    case 'REFERRAL_WITHDRAWN':
      return 'withdrawal of the referral';
    case 'RTT_STATUS':
      return `RTT status ${event.code}`;
    case 'ADMISSION_WITHOUT_TREATMENT':
      return 'admission without treatment';
    case 'APPOINTMENT_OUTCOME':
      return `appointment outcome ${event.outcome.toLowerCase().replaceAll('_', ' ')}`;
  }
}
