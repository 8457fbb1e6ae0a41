import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Query, Mutation } from './operations.js';
import { AccessEvent, AccessEventConnection } from './access-event.js';
import { AccessAlert } from './access-alert.js';
import { Organisation, Patient, RecordAccess } from './patient.js';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  AccessEvent,
  AccessEventConnection,
  AccessAlert,
  Organisation,
  Patient,
  RecordAccess,
};
