import type { MutationResolvers } from '../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  createClinic: (_parent, { input }, { clinicAdministration }) => clinicAdministration.createClinic(input),
  addSessionTemplate: (_parent, { input }, { clinicAdministration }) => clinicAdministration.addSessionTemplate(input),
  generateClinicSessions: (_parent, { input }, { clinicAdministration }) => clinicAdministration.generateSessions(input),
  addClinicSession: (_parent, { input }, { clinicAdministration }) => clinicAdministration.addSession(input),
  bookAppointment: (_parent, { input }, { desk }) => desk.book(input),
  cancelAppointment: (_parent, { input }, { desk }) => desk.cancel(input),
  rescheduleAppointment: (_parent, { input }, { desk }) => desk.reschedule(input),
  recordAttendance: (_parent, { input }, { desk }) => desk.recordAttendance(input),
  backEnterAppointment: (_parent, { input }, { desk }) => desk.backEnter(input),
};
