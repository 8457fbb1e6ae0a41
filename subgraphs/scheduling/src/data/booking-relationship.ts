import { sqlOn, type RelationshipHolder, type RelationshipRegister } from '@epr/platform';
import type { Tx } from './booking-store.js';
import type { ClinicRecord } from './clinic-store.js';

/** What the directory says now about who runs a clinic: whether its clinician still may, and its team's id. */
export interface ClinicRunners {
  clinicianActive: boolean;
  teamId: string | null;
}

/**
 * Who a booking into a clinic relates to the patient: the clinic's clinician while they still hold a clinical role
 * at the clinic's organisation, else the team that runs it (its id, as the directory gave it) — never the whole
 * organisation. A clinic with neither relates nobody.
 */
export function bookingHolder(clinic: ClinicRecord, runners: ClinicRunners): RelationshipHolder | null {
  if (clinic.clinicianId && runners.clinicianActive) return { kind: 'USER', id: clinic.clinicianId };
  return runners.teamId ? { kind: 'TEAM', id: runners.teamId } : null;
}

/** The legitimate relationships bookings create and end (product.md: "created by … booking"). */
export interface BookingRelationships {
  /** The booking's relationship, written in the booking's own transaction: a booking never commits without it. */
  grantForBooking(tx: Tx, patientId: string, appointmentId: string, holder: RelationshipHolder | null): Promise<void>;
  /** A cancelled (or moved) appointment's relationship lapses after the policy's grace period. */
  endForAppointment(tx: Tx, appointmentId: string): Promise<void>;
}

const sourceRef = (appointmentId: string) => `appointment:${appointmentId}`;

/** Through the shared relationship register. Idempotent per appointment and holder. */
export function registeredBookingRelationships(register: RelationshipRegister): BookingRelationships {
  return {
    grantForBooking: async (tx, patientId, appointmentId, holder) => {
      if (!holder) return;
      await register.careRelationship(sqlOn(tx), {
        patientId,
        holder,
        type: 'BOOKING',
        sourceRef: sourceRef(appointmentId),
        createdBy: 'scheduling',
      });
    },
    endForAppointment: (tx, appointmentId) => register.endCareRelationships(sqlOn(tx), sourceRef(appointmentId), new Date()),
  };
}
