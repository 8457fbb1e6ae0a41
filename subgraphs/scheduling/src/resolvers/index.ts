import type { Resolvers } from '../__generated__/resolvers-types.js';

export const resolvers: Resolvers = {
  Query: {
    appointment: (_parent, { id }, { appointments }) => appointments.byId(id),
    clinicList: (_parent, { organisation, from, to }, { appointments }) => appointments.clinicList(organisation, from, to),
  },
  Appointment: {
    __resolveReference: (reference, { appointments }) => appointments.byId(reference.id),
    patient: (appointment) => ({ id: appointment.patientId }),
    startsAt: (appointment) => appointment.startsAt.toISOString(),
  },
  Patient: {
    __resolveReference: (reference) => ({ id: reference.id }),
    appointments: (patient, _args, { appointments }) => appointments.forPatient(patient.id),
  },
};
