import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeSupergraph } from './composition/compose.js';
import { repoRoot } from './db/repo-root.js';

/**
 * `npm run compose` writes schema/supergraph.graphql (what the gateway serves) and schema/api.graphql (the
 * published API schema) from the subgraph SDLs. `--check` writes nothing and fails if either committed file
 * differs from a fresh composition. `--build` (the gateway's build) writes the supergraph but only checks the
 * API schema: a change to the API is a change partners see, so it is written on purpose and committed, never
 * refreshed behind a test's back. A missing api.graphql is written.
 */
const mode = process.argv.includes('--check') ? 'check' : process.argv.includes('--build') ? 'build' : 'write';
const schemaDir = process.env.SCHEMA_DIR ?? join(repoRoot(), 'schema');

const composition = await composeSupergraph(schemaDir);
if (!composition.ok) {
  console.error(`Composition failed:\n${composition.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}

// The supergraph is the gateway's input, so the build refreshes it; the API schema only when it is missing.
const files = [
  { name: 'supergraph.graphql', text: composition.supergraphSdl, refreshedByBuild: true },
  { name: 'api.graphql', text: composition.apiSdl, refreshedByBuild: false },
];
let stale = false;
for (const file of files) {
  const target = join(schemaDir, file.name);
  const committed = await readFile(target, 'utf8').catch(() => undefined);
  if (committed === file.text) continue;
  const write = mode === 'write' || (mode === 'build' && (file.refreshedByBuild || committed === undefined));
  if (write) {
    await writeFile(target, file.text);
    console.log(`Wrote ${target}.`);
    continue;
  }
  stale = true;
  console.error(
    committed === undefined
      ? `${target} is missing: run \`npm run compose\` and commit the result.`
      : `${target} is out of date with the subgraph SDLs: run \`npm run compose\`, review the change (it is what API clients see) and commit it.`,
  );
}
if (stale) process.exit(1);
if (mode === 'check') console.log(`${schemaDir}: supergraph.graphql and api.graphql match a fresh composition.`);
