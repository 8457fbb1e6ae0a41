import { isGatewaySystem, isUserSession, type FieldRules } from '@epr/platform';

/**
 * Field-level rules of the patient subgraph. Deny by default: a field missing here is refused, and the
 * deny-by-default test fails. Role, relationship, seal and consent rules replace `isUserSession` as the
 * access-control work lands.
 */
export const rules: FieldRules = {
  Query: {
    me: isUserSession,
    patient: isUserSession,
    patientByNhsNumber: isUserSession,
    _sessionRoleProfile: isGatewaySystem,
  },
  Mutation: { registerPatient: isUserSession },
  Patient: isUserSession,
  HumanName: isUserSession,
  Organisation: isUserSession,
  Session: isUserSession,
  RoleProfile: isUserSession,
  SessionRoleProfile: isGatewaySystem,
};
