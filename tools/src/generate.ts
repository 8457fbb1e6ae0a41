import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './db/repo-root.js';
import { parseSubgraph, subgraphDatabase } from './db/subgraphs.js';

/*
 * `node tools/dist/generate.js <subgraph>`: `prisma generate` for prisma/<subgraph>/schema.prisma (each subgraph's
 * `npm run generate` calls this from its own folder).
 *
 * Prisma 7's generate never runs the schema engine but still insists on locating one, and the native binary cannot
 * be downloaded here. PRISMA_SCHEMA_ENGINE_BINARY pointing at any existing file satisfies it, so it is set for this
 * child process only: with it set, `prisma migrate deploy` reports success without applying anything.
 * No prisma.config.ts is needed: generate needs no database URL, and the repo root (the working directory) has none.
 */

function main(argv: string[]): void {
  const [subgraphName, ...rest] = argv;
  if (!subgraphName || rest.length > 0) throw new Error('Usage: generate <subgraph>');
  const { schemaFile } = subgraphDatabase(parseSubgraph(subgraphName));
  const root = repoRoot();

  const child = spawn(process.execPath, [prismaCli(root), 'generate', '--schema', schemaFile], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      // Never executed by generate; the schema file is simply a file that is certain to exist.
      PRISMA_SCHEMA_ENGINE_BINARY: schemaFile,
      // No network here: skip Prisma's update check and telemetry.
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
  child.on('error', (error) => fail(`could not run prisma: ${error.message}`));
  child.on('exit', (code, signal) => {
    if (code !== 0) fail(`prisma generate for ${subgraphName} ${signal ? `was killed (${signal})` : `exited with ${code}`}`);
  });
}

/** The installed prisma package's CLI script, run with this Node (no reliance on node_modules/.bin shims). */
function prismaCli(root: string): string {
  const manifestPath = createRequire(path.join(root, 'package.json')).resolve('prisma/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  const bin = manifest.bin['prisma'];
  if (!bin) throw new Error(`${manifestPath} declares no "prisma" bin.`);
  return path.join(path.dirname(manifestPath), bin);
}

function fail(message: string): void {
  console.error(`error: ${message}`);
  process.exitCode = 1;
}

try {
  main(process.argv.slice(2));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
