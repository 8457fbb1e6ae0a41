import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { subgraphs } from './subgraphs.js';

export type Composition = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/**
 * Composes the supergraph from the subgraph SDL files in `schemaDir` with Apollo's own composer. On failure
 * the composer's messages are returned as they are, so the build shows exactly what Apollo found.
 */
export async function composeSupergraph(schemaDir: string): Promise<Composition> {
  const services = [];
  for (const { name, port } of subgraphs) {
    const file = join(schemaDir, `${name}.graphql`);
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
  return { ok: true, supergraphSdl: `${result.supergraphSdl}\n` };
}
