import DataLoader from 'dataloader';
import { notFound } from '@epr/platform';
import type { OrganisationDirectory } from '../data/organisation-directory.js';

/** The names of the organisations one request's log entries name: one question to the directory for all of them. */
export class OrganisationNames {
  private readonly loader: DataLoader<string, string | null>;

  constructor(directory: OrganisationDirectory, requestId: string) {
    this.loader = new DataLoader((odsCodes) => directory.namesOf(odsCodes, requestId));
  }

  async nameOf(odsCode: string): Promise<string> {
    const name = await this.loader.load(odsCode);
    // Only an organisation removed from the directory since it was logged; the gateway named none either.
    if (name === null) throw notFound(`The directory has no organisation ${odsCode}.`);
    return name;
  }
}
