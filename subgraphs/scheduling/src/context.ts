import type { SubgraphContext } from '@epr/platform';
import type { AppointmentAccess } from './appointment-access.js';
import type { AppointmentDesk } from './appointment-desk.js';
import type { ClinicAdministration } from './clinic-administration.js';
import type { ClinicCatalogue } from './clinic-catalogue.js';

/** The scheduling subgraph's per-request context. */
export interface Context extends SubgraphContext {
  /** Reads of appointments (patient data): the guarded, audited path. */
  appointments: AppointmentAccess;
  /** Reads of clinics, templates and slots. */
  catalogue: ClinicCatalogue;
  /** Booking, cancelling, rescheduling, attendance. */
  desk: AppointmentDesk;
  /** Setting up clinics and their sessions. */
  clinicAdministration: ClinicAdministration;
  now: () => Date;
}
