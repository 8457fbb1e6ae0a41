import { buildProtectedSubgraphSchema } from '@epr/platform';
import { resolvers } from './resolvers/index.js';
import { rules } from './rules.js';

export const sdlFile = new URL('../../../schema/care-pathway.graphql', import.meta.url);

export function buildSchema() {
  return buildProtectedSubgraphSchema(sdlFile, resolvers, rules);
}
