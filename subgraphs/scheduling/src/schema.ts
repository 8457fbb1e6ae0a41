import { buildProtectedSubgraphSchema } from '@epr/platform';
import { resolvers } from './resolvers/index.js';
import { patientOf } from './patient-locators.js';

export const sdlFile = new URL('../../../schema/scheduling.graphql', import.meta.url);

export function buildSchema() {
  return buildProtectedSubgraphSchema(sdlFile, resolvers, patientOf);
}
