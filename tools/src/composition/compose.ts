import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { printSchema } from '@apollo/federation-internals';
import { subgraphManifest } from '@epr/platform';

export type Composition = { ok: true; supergraphSdl: string; apiSdl: string } | { ok: false; errors: string[] };

// Partners open this file first; it says where it comes from so nobody edits it by hand.
const apiSchemaHeader = `# The patient record API as clients see it: every type, field and argument a client may use, with its description.
# Generated from the subgraph SDLs in this folder by \`npm run compose\`; do not edit. docs/partners.md explains how to use it.
`;

/**
 * Composes the supergraph from the subgraph SDL files in `schemaDir` with Apollo's own composer. On failure
 * the composer's messages are returned as they are, so the build shows exactly what Apollo found. `apiSdl` is
 * the schema clients see: no federation machinery (`join__`, `link__`) and no `@inaccessible` members.
 */
export async function composeSupergraph(schemaDir: string): Promise<Composition> {
  const services = [];
  for (const { name, port, sdlFile } of subgraphManifest) {
    const file = join(schemaDir, basename(sdlFile));
    let typeDefs;
    try {
      typeDefs = parse(await readFile(file, 'utf8'));
    } catch (error) {
      return { ok: false, errors: [`${file}: ${error instanceof Error ? error.message : String(error)}`] };
    }
    services.push({ name, url: `http://127.0.0.1:${port}/graphql`, typeDefs });
  }
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return {
    ok: true,
    supergraphSdl: `${result.supergraphSdl}\n`,
    apiSdl: `${apiSchemaHeader}\n${printSchema(result.schema.toAPISchema())}\n`,
  };
}
