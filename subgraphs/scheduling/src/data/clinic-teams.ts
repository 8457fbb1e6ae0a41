import { serviceUnavailable, ServiceCallError, type ServiceClient } from '@epr/platform';

const clinicTeam = `
  query ClinicTeam($organisation: String!, $code: String!) {
    _clinicTeam(organisation: $organisation, code: $code)
  }`;

/** The care team that runs a clinic, as the directory knows it: the holder of a booking's relationship. */
export interface ClinicTeams {
  /** The id of team `code` if it belongs to `organisation`, else null. */
  teamOf(organisation: string, code: string, requestId: string): Promise<string | null>;
}

/**
 * The directory (the patient subgraph) answers, asked in scheduling's own name: care teams belong to it, and a
 * subgraph never reads another's tables. Asked before the booking's transaction opens; if the directory cannot be
 * reached nothing is booked and the client may retry.
 */
export function directoryClinicTeams(client: ServiceClient): ClinicTeams {
  return {
    async teamOf(organisation, code, requestId) {
      try {
        return (await client.request<{ _clinicTeam: string | null }>('patient', clinicTeam, { organisation, code }, requestId))._clinicTeam;
      } catch (error) {
        if (error instanceof ServiceCallError && error.retryable) {
          throw serviceUnavailable(
            'The directory could not be reached to find the clinic’s team, so nothing was booked. Try again shortly.',
            error,
          );
        }
        throw error;
      }
    },
  };
}
