import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../db/repo-root.js';
import { composeSupergraph } from './compose.js';
import { editedSchemaCopy } from './schema-copy.js';

const schemaDir = join(repoRoot(), 'schema');
const composeCli = join(repoRoot(), 'tools', 'dist', 'compose.js');
const run = promisify(execFile);

describe('supergraph composition', () => {
  test('the committed supergraph equals a fresh composition of the subgraph SDLs', async () => {
    const composition = await composeSupergraph(schemaDir);
    if (!composition.ok) throw new Error(composition.errors.join('\n'));
    expect(await readFile(join(schemaDir, 'supergraph.graphql'), 'utf8')).toBe(composition.supergraphSdl);
  });

  // The check reads the committed file as it is: nothing (the build included) recomposes it first.
  describe('with a stale committed supergraph', () => {
    let staleDir: string;
    beforeAll(async () => {
      // A subgraph SDL gains a field and the supergraph is not recomposed: what a forgotten `npm run compose` leaves.
      staleDir = await editedSchemaCopy(schemaDir, 'scheduling.graphql', (sdl) =>
        sdl.replace(
          /(type Query \{\n)/,
          '$1  "A field the committed supergraph does not know yet."\n  staleCheck: Boolean @guard(class: REFERENCE)\n',
        ),
      );
    });
    afterAll(() => rm(staleDir, { recursive: true, force: true }));

    test('`compose --check` exits 1 naming the stale supergraph, and rewrites nothing', async () => {
      const before = await readFile(join(staleDir, 'supergraph.graphql'), 'utf8');
      const failure = await run(process.execPath, [composeCli, '--check'], { env: { ...process.env, SCHEMA_DIR: staleDir } }).then(
        () => undefined,
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/supergraph\.graphql is out of date with the subgraph SDLs: run `npm run compose`/);
      expect(await readFile(join(staleDir, 'supergraph.graphql'), 'utf8')).toBe(before);
    });

    test('`npm test` runs that check before anything else, and the gateway build runs it instead of composing', async () => {
      const scripts = async (dir: string) =>
        (JSON.parse(await readFile(join(repoRoot(), dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
      const root = await scripts('.');
      expect(root['test']).toMatch(/^npm run compose:check && /);
      expect(root['compose:check']).toMatch(/node tools\/dist\/compose\.js --check$/);
      expect((await scripts('gateway'))['build']).toMatch(/^node \.\.\/tools\/dist\/compose\.js --check && /);
    });

    test('`npm run compose` brings it up to date', async () => {
      await run(process.execPath, [composeCli], { env: { ...process.env, SCHEMA_DIR: staleDir } });
      expect(await readFile(join(staleDir, 'supergraph.graphql'), 'utf8')).toContain('staleCheck');
      await expect(
        run(process.execPath, [composeCli, '--check'], { env: { ...process.env, SCHEMA_DIR: staleDir } }),
      ).resolves.toBeDefined();
    });
  });

  describe('with a broken subgraph SDL', () => {
    let brokenDir: string;
    beforeAll(async () => {
      // Two subgraphs disagree on a shared field's type: a classic composition error.
      brokenDir = await editedSchemaCopy(schemaDir, 'scheduling.graphql', (sdl) =>
        sdl.replace(/(type Patient @key\(fields: "id"\)[^{]*\{\n {2}"[^"]*"\n {2}id: )ID!/, '$1Int!'),
      );
    });
    afterAll(() => rm(brokenDir, { recursive: true, force: true }));

    test('composition fails with the composer’s own message', async () => {
      const composition = await composeSupergraph(brokenDir);
      expect(composition.ok).toBe(false);
      expect(composition.ok ? [] : composition.errors.join('\n')).toMatch(/Type of field "Patient\.id" is incompatible across subgraphs/);
    });

    test('`npm run compose` exits non-zero and prints that message', async () => {
      const composing = run(process.execPath, [composeCli], { env: { ...process.env, SCHEMA_DIR: brokenDir } });
      await expect(composing).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/Composition failed:[\s\S]*Type of field "Patient\.id" is incompatible across subgraphs/),
      });
      // A failed composition leaves the last good supergraph in place.
      expect(await readFile(join(brokenDir, 'supergraph.graphql'), 'utf8')).toBe(
        await readFile(join(schemaDir, 'supergraph.graphql'), 'utf8'),
      );
    });
  });
});
