import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Query } from './query.js';
import { Mutation } from './mutation.js';
import { Appointment, Pathway, Patient } from './appointment.js';
import { Clinic, SessionTemplate, Slot } from './clinic.js';

export const resolvers: Resolvers = { Query, Mutation, Appointment, Patient, Pathway, Clinic, SessionTemplate, Slot };
