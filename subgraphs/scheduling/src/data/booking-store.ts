import type { Transaction } from '@epr/platform';
import type { Prisma } from '../__generated__/prisma/client.js';
import { appointmentColumns, type AppointmentRecord } from './appointment-store.js';
import type { Attendance } from '../domain/attendance.js';
import type { Cancellation } from '../domain/cancellation.js';
import type { AppointmentOutcomeEvent } from '../domain/outcome-event.js';

/** A Prisma client bound to an open transaction. */
export type Tx = Prisma.TransactionClient;

export interface NewAppointment {
  patientId: string;
  slotId: string;
  organisation: string;
  clinicName: string;
  startsAt: Date;
  pathwayId: string | null;
  referralId: string | null;
  bookedBy: string;
  backEntered: boolean;
}

/** Work that must commit or roll back with the booking (e.g. the legitimate relationship it creates). */
export type WithBooking = (tx: Tx, appointment: AppointmentRecord) => Promise<void>;

/** Work that must commit or roll back with a cancellation (e.g. ending the relationship the booking created). */
export type WithCancellation = (tx: Tx, cancelledId: string) => Promise<void>;

/**
 * Why a write did not happen: the slot filled up, the appointment changed since it was read, or the write
 * clashed with another at the same moment (PostgreSQL broke a deadlock, e.g. two moves swapping slots).
 */
export type WriteRefused = 'slot-full' | 'appointment-changed' | 'write-clash';

class Refused extends Error {
  constructor(readonly reason: WriteRefused) {
    super(reason);
  }
}

// Under a burst of bookings for one slot, transactions queue for a pooled connection and then for the slot row.
const transactionOptions = { maxWait: 15_000, timeout: 15_000 };

/** Prisma's transaction settings, as the booking writes set them. */
export type TransactionOptions = typeof transactionOptions;

/** The transaction of one appointment write: it carries the write's security-log rows. */
export type AppointmentTransaction = Transaction<Tx, AppointmentRecord, TransactionOptions>;

/**
 * Appointment writes, each in the transaction it is given. Capacity is enforced by the database: a trigger counts each
 * appointment into its slot and a check constraint refuses a count above capacity (see the
 * clinics_slots_outcome_outbox migration), which this store reports as 'slot-full'. Outcome events for
 * care-pathway are written to the outbox in the same transaction as the change they report.
 */
export class BookingStore {
  book(
    appointment: NewAppointment,
    withBooking: WithBooking,
    transaction: AppointmentTransaction,
  ): Promise<AppointmentRecord | WriteRefused> {
    return this.transaction(transaction, async (tx) => {
      const booked = await tx.appointment.create({ data: appointment, select: appointmentColumns });
      await withBooking(tx, booked);
      return booked;
    });
  }

  cancel(
    id: string,
    cancellation: Cancellation,
    event: AppointmentOutcomeEvent | null,
    withCancellation: WithCancellation,
    transaction: AppointmentTransaction,
  ): Promise<AppointmentRecord | WriteRefused> {
    return this.transaction(transaction, async (tx) => {
      await cancelBooked(tx, id, cancellation, null);
      await withCancellation(tx, id);
      if (event) await enqueue(tx, event);
      return tx.appointment.findUniqueOrThrow({ where: { id }, select: appointmentColumns });
    });
  }

  /** Books the replacement first, so a full slot leaves the original appointment as it was. */
  reschedule(
    id: string,
    replacement: NewAppointment,
    cancellation: Cancellation,
    event: AppointmentOutcomeEvent | null,
    withBooking: WithBooking,
    withCancellation: WithCancellation,
    transaction: AppointmentTransaction,
  ): Promise<AppointmentRecord | WriteRefused> {
    return this.transaction(transaction, async (tx) => {
      const booked = await tx.appointment.create({ data: replacement, select: appointmentColumns });
      await cancelBooked(tx, id, cancellation, booked.id);
      await withCancellation(tx, id);
      if (event) await enqueue(tx, event);
      await withBooking(tx, booked);
      return booked;
    });
  }

  recordAttendance(
    id: string,
    attendance: Attendance,
    event: AppointmentOutcomeEvent | null,
    transaction: AppointmentTransaction,
  ): Promise<AppointmentRecord | WriteRefused> {
    return this.transaction(transaction, async (tx) => {
      const { count } = await tx.appointment.updateMany({
        where: { id, status: 'BOOKED' },
        data: { ...attendance, outcomeRecordedAt: new Date() },
      });
      if (count === 0) throw new Refused('appointment-changed');
      if (event) await enqueue(tx, event);
      return tx.appointment.findUniqueOrThrow({ where: { id }, select: appointmentColumns });
    });
  }

  private async transaction(
    transaction: AppointmentTransaction,
    work: (tx: Tx) => Promise<AppointmentRecord>,
  ): Promise<AppointmentRecord | WriteRefused> {
    try {
      return await transaction(work, transactionOptions);
    } catch (error) {
      if (error instanceof Refused) return error.reason;
      if (isSlotCapacityViolation(error)) return 'slot-full';
      if ((error as { code?: unknown } | null)?.code === 'P2034') return 'write-clash';
      throw error;
    }
  }
}

/** Only a still-booked appointment is cancelled, so two clerks cancelling at once cannot both succeed. */
async function cancelBooked(tx: Tx, id: string, cancellation: Cancellation, rescheduledToId: string | null): Promise<void> {
  const { count } = await tx.appointment.updateMany({
    where: { id, status: 'BOOKED' },
    data: {
      status: 'CANCELLED',
      cancelledBy: cancellation.by,
      cancellationReason: cancellation.reason,
      cancelledAt: cancellation.at,
      rescheduledToId,
    },
  });
  if (count === 0) throw new Refused('appointment-changed');
}

async function enqueue(tx: Tx, event: AppointmentOutcomeEvent): Promise<void> {
  await tx.pathwayOutcomeOutbox.create({
    data: { appointmentId: event.appointmentId, pathwayId: event.pathwayId, payload: { ...event } },
    select: { eventId: true },
  });
}

interface DriverFailure {
  meta?: { driverAdapterError?: { cause?: { code?: string; message?: string } } };
}

/** PostgreSQL's check_violation (23514) of `slot_booked_within_capacity`, as Prisma's driver adapter reports it. */
function isSlotCapacityViolation(error: unknown): boolean {
  const cause = (error as DriverFailure | null)?.meta?.driverAdapterError?.cause;
  return cause?.code === '23514' && (cause.message ?? '').includes('"slot_booked_within_capacity"');
}
