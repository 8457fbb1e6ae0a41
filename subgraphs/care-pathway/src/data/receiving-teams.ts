import type { ServiceClient } from '@epr/platform';

const referralTeams = `
  query ReferralTeams($organisation: String!, $service: String!) {
    _referralTeams(organisation: $organisation, service: $service)
  }`;

/** The care teams a referral to a service at an organisation gives its legitimate relationship. */
export interface ReceivingTeams {
  teamsFor(organisation: string, service: string, requestId: string): Promise<string[]>;
}

/**
 * The directory (the patient subgraph) answers, asked in care-pathway's own name: care teams belong to it, and a
 * subgraph never reads another's tables. Asked before the write's transaction opens, so no transaction waits on
 * another service. If the directory cannot be reached, nothing is written and the client may retry.
 */
export function directoryReceivingTeams(client: ServiceClient): ReceivingTeams {
  return {
    async teamsFor(organisation, service, requestId) {
      const data = await client.ask<{ _referralTeams: string[] }>(
        'patient',
        referralTeams,
        { organisation, service },
        requestId,
        'The directory could not be reached to find the receiving team, so nothing was saved. Try again shortly.',
      );
      return data._referralTeams;
    },
  };
}
