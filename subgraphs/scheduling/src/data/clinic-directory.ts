import type { ServiceClient } from '@epr/platform';

const clinicTeam = `
  query ClinicTeam($organisation: String!, $code: String!) {
    _clinicTeam(organisation: $organisation, code: $code)
  }`;

const clinicClinician = `
  query ClinicClinician($organisation: String!, $userId: ID!) {
    _clinicClinician(organisation: $organisation, userId: $userId)
  }`;

/**
 * Who may run a clinic, as the directory knows them: its clinician or its care team, the holder of every booking's
 * relationship with the patient.
 */
export interface ClinicDirectory {
  /** The id of team `code` if it belongs to `organisation`, else null. */
  teamOf(organisation: string, code: string, requestId: string): Promise<string | null>;
  /** Whether `userId` holds an active clinician role profile (per the policy in force) at `organisation`. */
  isClinicianAt(organisation: string, userId: string, requestId: string): Promise<boolean>;
}

/**
 * The directory (the patient subgraph) answers, asked in scheduling's own name: users, role profiles and care teams
 * belong to it, and a subgraph never reads another's tables. Asked before a write's transaction opens; if the
 * directory cannot be reached nothing is written and the client may retry.
 */
export function directoryOfClinics(client: ServiceClient): ClinicDirectory {
  const ask = <T>(query: string, variables: Record<string, unknown>, requestId: string) =>
    client.ask<T>(
      'patient',
      query,
      variables,
      requestId,
      'The directory could not be reached to check who runs the clinic, so nothing was saved. Try again shortly.',
    );
  return {
    async teamOf(organisation, code, requestId) {
      return (await ask<{ _clinicTeam: string | null }>(clinicTeam, { organisation, code }, requestId))._clinicTeam;
    },
    async isClinicianAt(organisation, userId, requestId) {
      return (await ask<{ _clinicClinician: boolean }>(clinicClinician, { organisation, userId }, requestId))._clinicClinician;
    },
  };
}
