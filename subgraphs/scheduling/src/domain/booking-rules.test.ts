import type { SlotRecord } from '../data/slot-store.js';
import { checkBooking, type BookingRequest } from './booking-rules.js';

const now = new Date('2026-12-01T08:00:00Z');
const slot: SlotRecord = {
  id: '11111111-1111-4111-8111-111111111111',
  sessionId: '22222222-2222-4222-8222-222222222222',
  clinicId: '33333333-3333-4333-8333-333333333333',
  organisation: 'RX1',
  service: 'Cardiology',
  startsAt: new Date('2026-12-01T09:00:00Z'),
  minutes: 30,
  capacity: 1,
  bookedCount: 0,
  kind: 'NEW',
};
const request: BookingRequest = { slot, callerOrganisation: 'RX1', pathwayId: null, referralId: null, now, entry: 'LIVE' };
const referralId = '44444444-4444-4444-8444-444444444444';

function refusal(change: Partial<BookingRequest>) {
  try {
    checkBooking({ ...request, ...change });
  } catch (error) {
    const { code, field } = (error as { extensions: { code: string; field: string } }).extensions;
    return { code, field, message: (error as Error).message };
  }
  return null;
}

describe('booking rules', () => {
  test('a free future slot of your own organisation can be booked', () => {
    expect(refusal({})).toBeNull();
  });

  test('a slot that has started cannot be booked', () => {
    expect(refusal({ now: slot.startsAt })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.slotId',
      message: expect.stringMatching(/started/),
    });
  });

  test('back-entry books a slot that has started, never one still to come', () => {
    expect(refusal({ now: slot.startsAt, entry: 'BACK_ENTERED' })).toBeNull();
    expect(refusal({ entry: 'BACK_ENTERED' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.slotId',
      message: expect.stringMatching(/in the future: book it with bookAppointment/),
    });
  });

  test("another organisation's clinic needs the referral or pathway that sends the patient there", () => {
    expect(refusal({ callerOrganisation: 'A81001' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.referralId',
      message: expect.stringMatching(/RX1.*A81001/),
    });
    expect(refusal({ callerOrganisation: 'A81001', referralId })).toBeNull();
    expect(refusal({ callerOrganisation: 'A81001', pathwayId: referralId })).toBeNull();
  });

  test('a full slot is SLOT_UNAVAILABLE', () => {
    expect(refusal({ slot: { ...slot, bookedCount: 1 } })).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'input.slotId' });
    expect(refusal({ slot: { ...slot, capacity: 3, bookedCount: 2 } })).toBeNull();
  });
});
