import type { AppointmentResolvers, PathwayResolvers, PatientResolvers } from '../__generated__/resolvers-types.js';

export const Appointment: AppointmentResolvers = {
  __resolveReference: (reference, { appointments }) => appointments.byId(reference.id),
  patient: (appointment) => ({ id: appointment.patientId }),
  startsAt: (appointment) => appointment.startsAt.toISOString(),
  slot: (appointment, _args, { catalogue }) => (appointment.slotId ? catalogue.slot(appointment.slotId) : null),
  cancellation: ({ patientId, cancelledBy, cancellationReason, cancelledAt }) =>
    cancelledBy && cancelledAt ? { patientId, by: cancelledBy, reason: cancellationReason ?? '', at: cancelledAt.toISOString() } : null,
  rescheduledTo: (appointment, _args, { appointments }) => appointments.rescheduledTo(appointment),
};

export const Patient: PatientResolvers = {
  __resolveReference: ({ id, recordPatientIds }) => ({ id, recordPatientIds }),
  appointments: (patient, _args, { appointments }) => appointments.forPatient(patient),
};

export const Pathway: PathwayResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  appointments: (pathway, _args, { appointments }) => appointments.forPathway(pathway.id),
  nextAppointment: (pathway, _args, { appointments }) => appointments.nextForPathway(pathway.id),
};
