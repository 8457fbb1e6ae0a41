import { badUserInput, conflict } from '@epr/platform';

export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'CLOSED';

/**
 * The review of an alert only moves forward: OPEN → ACKNOWLEDGED → CLOSED, or OPEN → CLOSED when the answer
 * is plain at once. A closed alert stays closed, so a conclusion cannot be quietly rewritten.
 */
export const reviewSteps = {
  acknowledge: { from: ['OPEN'] as AlertStatus[], verb: 'acknowledged' },
  close: { from: ['OPEN', 'ACKNOWLEDGED'] as AlertStatus[], verb: 'closed' },
} as const;

export type ReviewStep = keyof typeof reviewSteps;

/** Why a step cannot be taken from `status`, as a CONFLICT the reviewer can act on. */
export function stepRefused(step: ReviewStep, status: AlertStatus) {
  const now = status === 'CLOSED' ? 'it is already closed' : 'it is already acknowledged';
  return conflict(
    `This alert cannot be ${reviewSteps[step].verb}: ${now}. Reload it to see who reviewed it.`,
    step === 'close' ? 'input.id' : 'id',
  );
}

const NOTE_MIN = 10;
const NOTE_MAX = 2000;

/** The closing note is the record of the review, so it must say something. */
export function closingNote(note: string): string {
  const text = note.trim();
  if (text.length < NOTE_MIN || text.length > NOTE_MAX) {
    throw badUserInput(`input.note must be ${NOTE_MIN} to ${NOTE_MAX} characters: say what was checked and found.`, 'input.note');
  }
  return text;
}
