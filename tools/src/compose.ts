import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeSupergraph } from './composition/compose.js';
import { repoRoot } from './db/repo-root.js';

/**
 * `npm run compose` writes schema/supergraph.graphql from the subgraph SDLs (part of every build);
 * `npm run compose -- --check` fails if the committed file differs from a fresh composition.
 */
const check = process.argv.includes('--check');
const schemaDir = process.env.SCHEMA_DIR ?? join(repoRoot(), 'schema');
const target = join(schemaDir, 'supergraph.graphql');

const composition = await composeSupergraph(schemaDir);
if (!composition.ok) {
  console.error(`Composition failed:\n${composition.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
const committed = await readFile(target, 'utf8').catch(() => '');
if (check) {
  if (committed !== composition.supergraphSdl) {
    console.error(`${target} is out of date: run \`npm run compose\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${target} matches a fresh composition.`);
} else if (committed !== composition.supergraphSdl) {
  await writeFile(target, composition.supergraphSdl);
  console.log(`Wrote ${target}.`);
}
