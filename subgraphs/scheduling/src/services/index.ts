import { AuditedWrites, type AuditTrail, type Transactions, type RelationshipRegister, type RequestPolicy } from '@epr/platform';
import type { Caller } from '@epr/identity';
import { createLoaders, type Stores } from '../data/loaders.js';
import type { BookingStore, TransactionOptions, Tx } from '../data/booking-store.js';
import { registeredBookingRelationships } from '../data/booking-relationship.js';
import type { ClinicDirectory } from '../data/clinic-directory.js';
import { AppointmentService } from './appointment-service.js';
import { BookingService } from './booking-service.js';
import { ClinicAdministration } from './clinic-administration.js';
import { ClinicCatalogue } from './clinic-catalogue.js';

/** What the services read and write through; created once per process. */
export interface ServiceStores extends Stores {
  /** Transactions on the subgraph's database, and SQL on them. */
  transactions: Transactions<Tx, TransactionOptions>;
  bookings: BookingStore;
  relationships: RelationshipRegister;
  /** The directory's clinicians and care teams: who may run a clinic, and who a booking into it relates. */
  clinicDirectory: ClinicDirectory;
  /** Asks the outcome relay to deliver what was just committed. */
  outcomesCommitted: () => void;
}

/** What one request's services share: the caller, the policy engine bound to them and the audit trail. */
export interface ServiceRequest {
  caller: Caller;
  policy: RequestPolicy;
  audit: AuditTrail;
  now: () => Date;
}

/** The scheduling subgraph's services for one request: everything its resolvers may call. */
export interface Services {
  /** Reads of appointments (patient data): the guarded, audited path. */
  appointments: AppointmentService;
  /** Booking, cancelling, rescheduling, attendance. */
  bookings: BookingService;
  /** Reads of clinics, templates and slots (no patient data). */
  catalogue: ClinicCatalogue;
  /** Setting up clinics and their sessions. */
  clinicAdministration: ClinicAdministration;
}

export function createServices(request: ServiceRequest, stores: ServiceStores): Services {
  const loaders = createLoaders(stores);
  const mayBackEnter = () => request.policy.holds('appointments.back_enter');
  const writes = new AuditedWrites(request.audit, stores.transactions);
  const appointments = new AppointmentService(loaders, stores.appointments, request.policy, request.now);
  const catalogue = new ClinicCatalogue(loaders, stores.clinics, stores.slots, request.now);
  const bookings = new BookingService({
    caller: request.caller,
    appointments,
    catalogue,
    history: stores.appointments,
    bookings: stores.bookings,
    relationships: registeredBookingRelationships(stores.relationships),
    clinicDirectory: stores.clinicDirectory,
    audit: request.audit,
    writes,
    outcomesCommitted: stores.outcomesCommitted,
    mayBackEnter,
    now: request.now,
  });
  const clinicAdministration = new ClinicAdministration({
    caller: request.caller,
    catalogue,
    clinics: stores.clinics,
    slots: stores.slots,
    directory: stores.clinicDirectory,
    writes,
    now: request.now,
    mayBackEnter,
  });
  return { appointments, bookings, catalogue, clinicAdministration };
}
