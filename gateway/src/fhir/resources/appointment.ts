import type { Appointment } from '@medplum/fhirtypes';
import { ukCoreMeta } from './terminology.js';

export const appointmentFields = `id patient { id } organisation clinicName startsAt status referralId slot { minutes }`;

export interface AppointmentNode {
  id: string;
  patient: { id: string };
  organisation: string;
  clinicName: string;
  startsAt: string;
  status: 'BOOKED' | 'ATTENDED' | 'DID_NOT_ATTEND' | 'CANCELLED';
  referralId: string | null;
  slot: { minutes: number } | null;
}

const status = { BOOKED: 'booked', ATTENDED: 'fulfilled', DID_NOT_ATTEND: 'noshow', CANCELLED: 'cancelled' } as const;

/** An outpatient appointment as a UK Core Appointment, based on its referral when it has one. */
export function toFhirAppointment(appointment: AppointmentNode): Appointment {
  const ends = appointment.slot ? new Date(Date.parse(appointment.startsAt) + appointment.slot.minutes * 60_000).toISOString() : undefined;
  return {
    resourceType: 'Appointment',
    id: appointment.id,
    meta: ukCoreMeta('Appointment'),
    status: status[appointment.status],
    description: appointment.clinicName,
    start: appointment.startsAt,
    ...(ends ? { end: ends, minutesDuration: appointment.slot!.minutes } : {}),
    ...(appointment.referralId ? { basedOn: [{ reference: `ServiceRequest/${appointment.referralId}` }] } : {}),
    participant: [
      { actor: { reference: `Patient/${appointment.patient.id}` }, status: 'accepted' },
      { actor: { display: `${appointment.clinicName} (${appointment.organisation})` }, status: 'accepted' },
    ],
  };
}
