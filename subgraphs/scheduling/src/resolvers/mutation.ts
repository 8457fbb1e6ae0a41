import type { MutationResolvers } from '../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  createClinic: (_parent, { input }, { clinicAdministration }) => clinicAdministration.createClinic(input),
  addSessionTemplate: (_parent, { input }, { clinicAdministration }) => clinicAdministration.addSessionTemplate(input),
  generateClinicSessions: (_parent, { input }, { clinicAdministration }) => clinicAdministration.generateSessions(input),
  addClinicSession: (_parent, { input }, { clinicAdministration }) => clinicAdministration.addSession(input),
  bookAppointment: (_parent, { input }, { bookings }) => bookings.book(input),
  cancelAppointment: (_parent, { input }, { bookings }) => bookings.cancel(input),
  rescheduleAppointment: (_parent, { input }, { bookings }) => bookings.reschedule(input),
  recordAttendance: (_parent, { input }, { bookings }) => bookings.recordAttendance(input),
  backEnterAppointment: (_parent, { input }, { bookings }) => bookings.backEnter(input),
};
