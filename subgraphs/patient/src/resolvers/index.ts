import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Query } from './query.js';
import { Mutation } from './mutation.js';
import { Patient, HumanName } from './patient.js';
import { Organisation, RoleProfile } from './directory.js';

export const resolvers: Resolvers = { Query, Mutation, Patient, HumanName, Organisation, RoleProfile };
