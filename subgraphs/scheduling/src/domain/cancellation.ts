import { badUserInput, conflict, parseInstant } from '@epr/platform';
import type { CancelledBy } from '../__generated__/prisma/client.js';
import type { AppointmentRecord } from '../data/appointment-store.js';
import { requireText } from './input.js';

export interface Cancellation {
  by: CancelledBy;
  reason: string;
  /** When it was made: now, or earlier for a back-dated cancellation. */
  at: Date;
  /** Dated in the past by the caller (back-entry), rather than made now. */
  backDated: boolean;
}

const who: Record<CancelledBy, string> = { PATIENT: 'the patient', HOSPITAL: 'the hospital' };

/**
 * Only a booked appointment that had not started when the cancellation was made can be cancelled (or moved), and
 * not before it was booked; checked before anything is written.
 */
export function checkCancellable(appointment: AppointmentRecord, cancellation: Pick<Cancellation, 'at' | 'backDated'>): void {
  if (appointment.status === 'CANCELLED') {
    const when = appointment.cancelledAt ? ` on ${appointment.cancelledAt.toISOString()}` : '';
    const by = appointment.cancelledBy ? ` by ${who[appointment.cancelledBy]}` : '';
    throw conflict(`This appointment was already cancelled${when}${by}.`, 'input.appointmentId');
  }
  if (appointment.status !== 'BOOKED') {
    throw conflict(
      `This appointment already has an outcome (${appointment.status}); it can no longer be cancelled or moved.`,
      'input.appointmentId',
    );
  }
  if (appointment.startsAt <= cancellation.at) {
    if (!cancellation.backDated) {
      throw badUserInput('This appointment has started: record whether the patient attended instead.', 'input.appointmentId');
    }
    throw badUserInput(
      `A cancellation is made before the appointment starts (${appointment.startsAt.toISOString()}); after that, record whether the patient attended.`,
      'input.occurredAt',
    );
  }
  // A back-entered appointment was booked before the record of it was made, so only a live booking bounds it.
  if (cancellation.backDated && !appointment.backEntered && cancellation.at < appointment.createdAt) {
    throw badUserInput(
      `This appointment was booked at ${appointment.createdAt.toISOString()}; it cannot have been cancelled before that.`,
      'input.occurredAt',
    );
  }
}

/** A cancellation made now, or back-dated to `occurredAt` (which cannot be in the future). */
export function validateCancellation(input: { by: CancelledBy; reason: string; occurredAt?: string | null }, now: Date): Cancellation {
  const reason = requireText(input.reason, 'input.reason', 'Reason', 500);
  if (input.occurredAt == null) return { by: input.by, reason, at: now, backDated: false };
  const at = parseInstant(input.occurredAt, 'input.occurredAt');
  if (at > now) throw badUserInput('A cancellation cannot be dated in the future: omit occurredAt for one made now.', 'input.occurredAt');
  return { by: input.by, reason, at, backDated: true };
}
