import { sqlOn, type RelationshipHolder, type RelationshipRegister } from '@epr/platform';
import type { Tx } from './booking-store.js';
import type { AppointmentRecord } from './appointment-store.js';
import type { ClinicRecord } from './clinic-store.js';

/** The legitimate relationship a booking creates: the clinic's clinician and/or team with the patient. */
export interface BookingRelationship {
  patientId: string;
  appointmentId: string;
  organisation: string;
  clinicianId: string | null;
  teamCode: string | null;
}

/**
 * Where booking creates its legitimate relationship (product.md: "created by … booking"). It is called inside
 * the booking transaction (`tx`), so a booking never commits without its relationship; the policy engine's
 * relationship store implements it.
 */
export interface BookingRelationships {
  grantForBooking(tx: Tx, relationship: BookingRelationship): Promise<void>;
}

export function bookingRelationship(clinic: ClinicRecord, appointment: AppointmentRecord): BookingRelationship {
  return {
    patientId: appointment.patientId,
    appointmentId: appointment.id,
    organisation: clinic.organisation,
    clinicianId: clinic.clinicianId,
    teamCode: clinic.teamCode,
  };
}

/**
 * Booking gives the clinic's clinician (a user) a BOOKING relationship with the patient — or the clinic's
 * organisation when the clinic is run by a team, since clinics name teams by code while sessions carry team
 * ids — written through the shared relationship register in the booking's own transaction. Idempotent per
 * appointment and holder.
 */
export function registeredBookingRelationships(register: RelationshipRegister): BookingRelationships {
  return {
    grantForBooking: async (tx, relationship) => {
      const holder: RelationshipHolder = relationship.clinicianId
        ? { kind: 'USER', id: relationship.clinicianId }
        : { kind: 'ORGANISATION', id: relationship.organisation };
      await register.careRelationship(sqlOn(tx), {
        patientId: relationship.patientId,
        holder,
        type: 'BOOKING',
        sourceRef: `appointment:${relationship.appointmentId}`,
        createdBy: 'scheduling',
      });
    },
  };
}
