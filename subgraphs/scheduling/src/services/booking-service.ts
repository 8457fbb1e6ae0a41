import { conflict, type AuditedWrites, type AuditTrail, requireId, optionalId, notFound } from '@epr/platform';
import type { Caller } from '@epr/identity';
import { writeAction, type AuditAction } from '@epr/policy';
import type { AppointmentService } from './appointment-service.js';
import type { ClinicCatalogue } from './clinic-catalogue.js';
import type { AppointmentRecord, AppointmentStore } from '../data/appointment-store.js';
import type {
  AppointmentTransaction,
  BookingStore,
  NewAppointment,
  TransactionOptions,
  Tx,
  WithBooking,
  WithCancellation,
  WriteRefused,
} from '../data/booking-store.js';

import type { ClinicRecord } from '../data/clinic-store.js';
import type { SlotRecord } from '../data/slot-store.js';
import { bookingHolder, type BookingRelationships } from '../data/booking-relationship.js';
import type { ClinicDirectory } from '../data/clinic-directory.js';
import type {
  BookAppointmentInput,
  CancelAppointmentInput,
  RecordAttendanceInput,
  RescheduleAppointmentInput,
} from '../__generated__/resolvers-types.js';
import { checkBooking, fullSlot } from '../domain/booking-rules.js';
import { requireBackEntry, type Entry } from '../domain/back-entry.js';
import { checkCancellable, validateCancellation } from '../domain/cancellation.js';
import { validateAttendance } from '../domain/attendance.js';
import { attendanceEvent, cancellationEvent, isFirstAppointment } from '../domain/outcome-event.js';

export interface BookingServiceDeps {
  caller: Caller;
  appointments: AppointmentService;
  catalogue: ClinicCatalogue;
  history: AppointmentStore;
  bookings: BookingStore;
  relationships: BookingRelationships;
  /** The directory: whether a clinic's clinician still may run it, and the id of the team that runs it. */
  clinicDirectory: ClinicDirectory;
  audit: AuditTrail;
  /** Transactions for writes, each committing with its security-log rows. */
  writes: AuditedWrites<Tx, TransactionOptions>;
  /** Asks the outcome relay to deliver what was just committed. */
  outcomesCommitted: () => void;
  /** Whether the caller's role may back-enter (`appointments.back_enter`). */
  mayBackEnter: () => boolean;
  now: () => Date;
}

/** The pathway or referral an appointment is booked for, if any. */
interface PathwayLink {
  pathwayId: string | null;
  referralId: string | null;
}

/**
 * Booking, cancelling, rescheduling and attendance for one request: reads through the guarded paths, checks
 * the rules, then one transaction per change. Every refusal is a typed error and leaves nothing written.
 */
export class BookingService {
  constructor(private readonly deps: BookingServiceDeps) {}

  /** A live booking, into a slot still to come. */
  book(input: BookAppointmentInput): Promise<AppointmentRecord> {
    return this.bookInto(input, 'LIVE');
  }

  /** Back-entry: a booking into a slot that has already started, for roles that may back-enter. */
  backEnter(input: BookAppointmentInput): Promise<AppointmentRecord> {
    this.requireBackEntry('Booking into a slot that has already started');
    return this.bookInto(input, 'BACK_ENTERED');
  }

  async cancel(input: CancelAppointmentInput): Promise<AppointmentRecord> {
    const appointment = await this.existing(input.appointmentId);
    const cancellation = validateCancellation(input, this.deps.now());
    if (cancellation.backDated) this.requireBackEntry('Dating a cancellation in the past', appointment.patientId);
    checkCancellable(appointment, cancellation);
    const event = cancellationEvent(appointment, cancellation, await this.isFirst(appointment));
    const cancelled = await this.deps.bookings.cancel(
      appointment.id,
      cancellation,
      event,
      this.endRelationship(),
      this.recorded(writeAction('appointment.cancel', cancellation.backDated)),
    );
    if (appointment.slotId) this.deps.catalogue.slotsChanged(appointment.slotId);
    return this.written(cancelled, event !== null);
  }

  /** A move is a cancellation (by the patient or the hospital) and a new booking, committed together. */
  async reschedule(input: RescheduleAppointmentInput): Promise<AppointmentRecord> {
    const appointment = await this.existing(input.appointmentId);
    const cancellation = validateCancellation(input, this.deps.now());
    checkCancellable(appointment, cancellation);
    const { pathwayId, referralId } = appointment;
    const { slot, clinic } = await this.bookableSlot(input.slotId, { pathwayId, referralId }, 'LIVE');
    const event = cancellationEvent(appointment, cancellation, await this.isFirst(appointment));
    const replacement = this.newAppointment(appointment.patientId, slot, clinic, { pathwayId, referralId }, 'LIVE');
    const booked = await this.deps.bookings.reschedule(
      appointment.id,
      replacement,
      cancellation,
      event,
      await this.grantRelationship(clinic),
      this.endRelationship(),
      this.recorded('appointment.reschedule'),
    );
    this.deps.catalogue.slotsChanged(slot.id, ...(appointment.slotId ? [appointment.slotId] : []));
    return this.written(booked, event !== null);
  }

  async recordAttendance(input: RecordAttendanceInput): Promise<AppointmentRecord> {
    const appointment = await this.existing(input.appointmentId);
    const attendance = validateAttendance(appointment, input, this.deps.now());
    const event = attendanceEvent(appointment, attendance, await this.isFirst(appointment));
    const recorded = await this.deps.bookings.recordAttendance(
      appointment.id,
      attendance,
      event,
      this.recorded(writeAction('appointment.outcome', appointment.backEntered)),
    );
    return this.written(recorded, event !== null);
  }

  private async bookInto(input: BookAppointmentInput, entry: Entry): Promise<AppointmentRecord> {
    const patientId = requireId(input.patientId, 'input.patientId', 'patientId');
    const pathwayId = optionalId(input.pathwayId, 'input.pathwayId', 'pathwayId');
    const referralId = optionalId(input.referralId, 'input.referralId', 'referralId');
    const { slot, clinic } = await this.bookableSlot(input.slotId, { pathwayId, referralId }, entry);
    const booked = await this.deps.bookings.book(
      this.newAppointment(patientId, slot, clinic, { pathwayId, referralId }, entry),
      await this.grantRelationship(clinic),
      this.recorded(writeAction('appointment.book', entry === 'BACK_ENTERED')),
    );
    this.deps.catalogue.slotsChanged(slot.id);
    return this.written(booked);
  }

  /** A refusal is a decision like any other, so it goes to the security log before the FORBIDDEN. */
  private requireBackEntry(what: string, patientId: string | null = null): void {
    const permitted = this.deps.mayBackEnter();
    if (!permitted) {
      const basis = { kind: 'DECISION', detail: 'role_lacks_activity' };
      this.deps.audit.record({ action: 'appointment.back-entry', outcome: 'DENIED', patientId, basis });
    }
    requireBackEntry(permitted, what);
  }

  /** The appointment through the guarded read path; one out of sight is "not found", as one that does not exist. */
  private async existing(id: string): Promise<AppointmentRecord> {
    const appointment = await this.deps.appointments.byId(id);
    if (!appointment) throw notFound('No appointment with this id is visible to you.', 'input.appointmentId');
    return appointment;
  }

  private async bookableSlot(slotId: string, link: PathwayLink, entry: Entry): Promise<{ slot: SlotRecord; clinic: ClinicRecord }> {
    const slot = await this.deps.catalogue.slot(slotId);
    const clinic = slot && (await this.deps.catalogue.clinic(slot.clinicId));
    if (!slot || !clinic) throw notFound('No slot with this id exists. Find one with freeSlots.', 'input.slotId');
    checkBooking({ slot, callerOrganisation: this.deps.caller.organisationOds, ...link, now: this.deps.now(), entry });
    return { slot, clinic };
  }

  private newAppointment(patientId: string, slot: SlotRecord, clinic: ClinicRecord, link: PathwayLink, entry: Entry): NewAppointment {
    return {
      patientId,
      slotId: slot.id,
      organisation: clinic.organisation,
      clinicName: clinic.name,
      startsAt: slot.startsAt,
      ...link,
      bookedBy: this.deps.caller.userId,
      backEntered: entry === 'BACK_ENTERED',
    };
  }

  /** The booking's relationship, for its clinic's clinician or team (asked of the directory before the transaction). */
  private async grantRelationship(clinic: ClinicRecord): Promise<WithBooking> {
    const { caller, clinicDirectory, relationships } = this.deps;
    // Asked again at each booking: a clinician whose role there has ended since the clinic was set up gains nothing.
    const clinicianActive = clinic.clinicianId
      ? await clinicDirectory.isClinicianAt(clinic.organisation, clinic.clinicianId, caller.requestId)
      : false;
    const teamId =
      !clinicianActive && clinic.teamCode ? await clinicDirectory.teamOf(clinic.organisation, clinic.teamCode, caller.requestId) : null;
    const holder = bookingHolder(clinic, { clinicianActive, teamId });
    return (tx, booked) => relationships.grantForBooking(tx, booked.patientId, booked.id, holder);
  }

  private endRelationship(): WithCancellation {
    return (tx, cancelledId) => this.deps.relationships.endForAppointment(tx, cancelledId);
  }

  /** Whether this is its pathway's first appointment, which care-pathway's RTT clock needs to know; false off a pathway. */
  private async isFirst(appointment: AppointmentRecord): Promise<boolean> {
    if (!appointment.pathwayId || !appointment.slotId) return false;
    const slot = await this.deps.catalogue.slot(appointment.slotId);
    const attendedBefore = await this.deps.history.attendedOnPathwayBefore(appointment.pathwayId, appointment.startsAt);
    return isFirstAppointment(slot?.kind ?? null, attendedBefore);
  }

  /** The transaction of one appointment write, carrying its security-log row for the appointment's patient. */
  private recorded(action: AuditAction): AppointmentTransaction {
    return this.deps.writes.for(
      (appointment: AppointmentRecord) => [
        { action, outcome: 'ALLOWED', patientId: appointment.patientId, items: [`Appointment:${appointment.id}`] },
      ],
      // A retry gets the appointment the first attempt wrote.
      { idOf: (appointment) => appointment.id, reload: async (id) => (await this.deps.history.findByIds([id]))[0] ?? null },
    );
  }

  private written(result: AppointmentRecord | WriteRefused, outcomeQueued = false): AppointmentRecord {
    if (result === 'slot-full') throw fullSlot();
    if (result === 'appointment-changed') {
      throw conflict('Someone else changed this appointment a moment ago; reload it to see where it stands.', 'input.appointmentId');
    }
    if (result === 'write-clash') throw conflict('This change clashed with another made at the same moment; nothing was saved. Try again.');
    if (outcomeQueued) this.deps.outcomesCommitted();
    return result;
  }
}
