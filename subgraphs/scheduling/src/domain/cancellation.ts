import { badUserInput, conflict } from '@epr/platform';
import type { CancelledBy } from '../__generated__/prisma/client.js';
import type { AppointmentRecord } from '../data/appointment-store.js';
import { requireText } from './input.js';

export interface Cancellation {
  by: CancelledBy;
  reason: string;
  at: Date;
}

const who: Record<CancelledBy, string> = { PATIENT: 'the patient', HOSPITAL: 'the hospital' };

/** Only a booked appointment that has not started can be cancelled (or moved); checked before anything is written. */
export function checkCancellable(appointment: AppointmentRecord, now: Date): void {
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
  if (appointment.startsAt <= now) {
    throw badUserInput('This appointment has started: record whether the patient attended instead.', 'input.appointmentId');
  }
}

export function validateCancellation(input: { by: CancelledBy; reason: string }, now: Date): Cancellation {
  return { by: input.by, reason: requireText(input.reason, 'input.reason', 'Reason', 500), at: now };
}
