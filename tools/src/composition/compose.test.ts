import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../db/repo-root.js';
import { composeSupergraph } from './compose.js';

const schemaDir = join(repoRoot(), 'schema');

describe('supergraph composition', () => {
  test('the committed supergraph equals a fresh composition of the subgraph SDLs', async () => {
    const composition = await composeSupergraph(schemaDir);
    if (!composition.ok) throw new Error(composition.errors.join('\n'));
    expect(await readFile(join(schemaDir, 'supergraph.graphql'), 'utf8')).toBe(composition.supergraphSdl);
  });

  describe('with a broken subgraph SDL', () => {
    let brokenDir: string;
    beforeAll(async () => {
      brokenDir = await mkdtemp(join(tmpdir(), 'epr-compose-'));
      await cp(schemaDir, brokenDir, { recursive: true });
      // Two subgraphs disagree on a shared field's type: a classic composition error.
      const file = join(brokenDir, 'scheduling.graphql');
      const sdl = await readFile(file, 'utf8');
      await writeFile(file, sdl.replace(/(type Patient @key\(fields: "id"\)[^{]*\{\n {2}"[^"]*"\n {2}id: )ID!/, '$1Int!'));
    });
    afterAll(() => rm(brokenDir, { recursive: true, force: true }));

    test('composition fails with the composer’s own message', async () => {
      const composition = await composeSupergraph(brokenDir);
      expect(composition.ok).toBe(false);
      expect(composition.ok ? [] : composition.errors.join('\n')).toMatch(/Type of field "Patient\.id" is incompatible across subgraphs/);
    });

    test('the build command exits non-zero and prints that message', async () => {
      const run = promisify(execFile)(process.execPath, [join(repoRoot(), 'tools', 'dist', 'compose.js')], {
        env: { ...process.env, SCHEMA_DIR: brokenDir },
      });
      await expect(run).rejects.toMatchObject({
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
