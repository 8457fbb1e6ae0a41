import { ExpiringCache } from '@epr/identity';
import { traced, type ServiceClient } from '@epr/platform';

const organisationNames = `
  query OrganisationNames($odsCodes: [String!]!) {
    _organisationNames(odsCodes: $odsCodes)
  }`;

/**
 * How long a name is reused: a rename in the directory shows in access logs within this time. Organisations are
 * renamed rarely (a merger, a new trust name), and every patient summary names the organisations in its access log.
 */
export const ORGANISATION_NAME_TTL_MS = 5 * 60_000;
const maxEntries = 10_000;
// The directory takes at most 100 codes a call (a list argument's default limit); a page of the log may name 200.
const MAX_CODES_PER_CALL = 100;

/**
 * Organisation names, asked of the directory (the patient subgraph) in audit's own name and remembered for
 * ORGANISATION_NAME_TTL_MS per process: the access log names its accessors' organisations without the gateway
 * making a second call to the patient subgraph on every read. A subgraph never reads another's tables.
 */
export class OrganisationDirectory {
  private readonly names: ExpiringCache<{ name: string | null }>;

  constructor(
    private readonly client: Pick<ServiceClient, 'ask'>,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.names = new ExpiringCache(maxEntries, now);
  }

  /** The name of each organisation, in order; null for a code the directory does not know. */
  async namesOf(odsCodes: readonly string[], requestId: string): Promise<(string | null)[]> {
    const known = new Map(odsCodes.map((code) => [code, this.names.get(code)] as const));
    const missing = [...known].filter(([, entry]) => entry === undefined).map(([code]) => code);
    if (missing.length > 0) {
      // Counted from before the question, so a name is never reused longer than the TTL after a rename it missed.
      const asked = this.now();
      const asks: string[][] = [];
      for (let i = 0; i < missing.length; i += MAX_CODES_PER_CALL) asks.push(missing.slice(i, i + MAX_CODES_PER_CALL));
      const answer = (
        await traced('directory.organisation_names', { 'epr.organisations': missing.length }, () =>
          Promise.all(asks.map((codes) => this.ask(codes, requestId))),
        )
      ).flat();
      missing.forEach((code, i) => {
        const entry = { name: answer[i] ?? null };
        known.set(code, entry);
        this.names.set(code, entry, asked + ORGANISATION_NAME_TTL_MS);
      });
    }
    return odsCodes.map((code) => known.get(code)?.name ?? null);
  }

  private async ask(odsCodes: string[], requestId: string): Promise<(string | null)[]> {
    const data = await this.client.ask<{ _organisationNames: (string | null)[] }>(
      'patient',
      organisationNames,
      { odsCodes },
      requestId,
      'The directory could not be reached to name the organisations in the log. Try again shortly.',
    );
    return data._organisationNames;
  }
}

/** An organisation as the log knows it: by ODS code; its name comes from the directory. */
export interface OrganisationRef {
  odsCode: string;
}
