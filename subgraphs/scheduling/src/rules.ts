import { can, isUserSession, type FieldRules } from '@epr/platform';

/**
 * Field-level rules of the scheduling subgraph: thin role checks against the shared policy engine; deny by
 * default (see the deny-by-default test). Which appointments a caller sees is decided per patient in
 * AppointmentAccess. Clinics, sessions and slots hold no patient data: any signed-in user may look them up.
 */
const readAppointments = can('appointments.read');
const manageAppointments = can('appointments.manage');

export const rules: FieldRules = {
  Query: {
    appointment: readAppointments,
    clinicList: readAppointments,
    clinic: isUserSession,
    clinics: isUserSession,
    slot: isUserSession,
    freeSlots: isUserSession,
  },
  Mutation: {
    createClinic: manageAppointments,
    addSessionTemplate: manageAppointments,
    generateClinicSessions: manageAppointments,
    addClinicSession: manageAppointments,
    bookAppointment: manageAppointments,
    cancelAppointment: manageAppointments,
    rescheduleAppointment: manageAppointments,
    recordAttendance: manageAppointments,
    // The activity includes appointments.manage; the desk says why when a role lacks it.
    backEnterAppointment: manageAppointments,
  },
  Appointment: readAppointments,
  Cancellation: readAppointments,
  Patient: { id: isUserSession, appointments: readAppointments },
  Pathway: { '*': readAppointments, id: isUserSession },
  Clinic: isUserSession,
  SessionTemplate: isUserSession,
  Slot: isUserSession,
  GeneratedSessions: isUserSession,
};
