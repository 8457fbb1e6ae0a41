import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeSupergraph } from './composition/compose.js';
import { repoRoot } from './db/repo-root.js';

/**
 * `npm run compose` writes schema/supergraph.graphql (what the gateway serves) and schema/api.graphql (the
 * published API schema) from the subgraph SDLs. `--check` (what `npm test` and the gateway's build run) writes
 * nothing and exits 1 naming each committed file that differs from a fresh composition: both files are
 * reviewed diffs, never refreshed behind a test's back — the supergraph is what the gateway serves, the API
 * schema what partners see.
 */
const options = process.argv.slice(2);
const unknown = options.filter((option) => option !== '--check');
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(' ')}: \`compose\` writes both files, \`compose --check\` only compares them.`);
  process.exit(2);
}
const check = options.includes('--check');
const schemaDir = process.env['SCHEMA_DIR'] ?? join(repoRoot(), 'schema');

const composition = await composeSupergraph(schemaDir);
if (!composition.ok) {
  console.error(`Composition failed:\n${composition.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}

const files = [
  { name: 'supergraph.graphql', text: composition.supergraphSdl },
  { name: 'api.graphql', text: composition.apiSdl },
];
let stale = false;
for (const file of files) {
  const target = join(schemaDir, file.name);
  const committed = await readFile(target, 'utf8').catch(() => undefined);
  if (committed === file.text) continue;
  if (!check) {
    await writeFile(target, file.text);
    console.log(`Wrote ${target}.`);
    continue;
  }
  stale = true;
  console.error(
    committed === undefined
      ? `${target} is missing: run \`npm run compose\` and commit the result.`
      : `${target} is out of date with the subgraph SDLs: run \`npm run compose\`, review the change and commit it.`,
  );
}
if (stale) process.exit(1);
if (check) console.log(`${schemaDir}: supergraph.graphql and api.graphql match a fresh composition.`);
