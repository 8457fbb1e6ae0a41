import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { subgraphEntry, type SubgraphName } from '@epr/platform';
import { repoRoot } from '@epr/tools/db/repo-root';

/** A subgraph's SDL as committed (the file the subgraph manifest names). */
export function subgraphSdl(name: SubgraphName): string {
  return readFileSync(join(repoRoot(), subgraphEntry(name).sdlFile), 'utf8');
}

/** A subgraph's schema from its SDL alone: no resolvers, no rules (for walking its fields and arguments). */
export function subgraphSdlSchema(name: SubgraphName): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(subgraphSdl(name)) });
}
