import { badUserInput } from '@epr/platform';
import { slotUnavailable } from './errors.js';
import type { Entry } from './back-entry.js';
import type { SlotRecord } from '../data/slot-store.js';

export interface BookingRequest {
  slot: SlotRecord;
  /** ODS code of the organisation the caller is working for (their selected role profile). */
  callerOrganisation: string;
  pathwayId: string | null;
  referralId: string | null;
  now: Date;
  /** A live booking is into a slot still to come; a back-entered one, into a slot that has already started. */
  entry: Entry;
}

/**
 * The booking rules checked before anything is written. The slot's capacity is checked here for a clear
 * message, and again by the database when the appointment is inserted, which is what holds under concurrency.
 */
export function checkBooking({ slot, callerOrganisation, pathwayId, referralId, now, entry }: BookingRequest): void {
  if (entry === 'LIVE' && slot.startsAt <= now) {
    throw badUserInput(
      `This slot started at ${slot.startsAt.toISOString()}: book a slot in the future (see freeSlots), or back-enter a past appointment with backEnterAppointment.`,
      'input.slotId',
    );
  }
  if (entry === 'BACK_ENTERED' && slot.startsAt > now) {
    throw badUserInput(
      `This slot starts at ${slot.startsAt.toISOString()}, in the future: book it with bookAppointment. Back-entry is for appointments that have already happened.`,
      'input.slotId',
    );
  }
  if (slot.organisation !== callerOrganisation && !pathwayId && !referralId) {
    throw badUserInput(
      `This slot is in a clinic of ${slot.organisation} and you are working for ${callerOrganisation}: booking into another ` +
        `organisation's clinic needs the referral (referralId) or pathway (pathwayId) that sends the patient there.`,
      'input.referralId',
    );
  }
  if (slot.bookedCount >= slot.capacity) throw fullSlot();
}

export function fullSlot() {
  return slotUnavailable('This slot is fully booked. Choose another slot from freeSlots.');
}
