import { graphql, tokenFor } from './gateway-client.js';

/** The demo users the tests sign in as (tools/src/seed/demo-data.ts), each with one role profile. */
export const people = {
  consultant: ['dr.amelia.hart', 'rp-hart-rx1'],
  gp: ['gp.david.lee', 'rp-lee-a81001'],
  reception: ['reception.sam.cole', 'rp-cole-a81001'],
  nurse: ['nurse.ben.okafor', 'rp-okafor-rx1'],
  wardNurse: ['nurse.maya.singh', 'rp-singh-rx1'],
  clerk: ['clerk.chloe.reid', 'rp-reid-rx1'],
  privacyOfficer: ['privacy.priya.shah', 'rp-shah-rx1'],
  analyst: ['analyst.raj.iyer', 'rp-iyer-rx1'],
  olivia: ['olivia.bennett', 'rp-bennett-portal'],
  engine: ['interface.engine', 'rp-interface-rx1'],
} as const;
export type Person = keyof typeof people;

export function tokenOf(who: Person): Promise<string> {
  return tokenFor(people[who][0], people[who][1]);
}

export interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** One GraphQL operation through the gateway, signed in as `who`. */
export async function graphqlAs<T = Record<string, any>>(
  who: Person,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLBody<T>> {
  return (await graphql<T>(query, { token: await tokenOf(who), variables })).body;
}
