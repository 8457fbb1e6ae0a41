import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { editedSchemaCopy } from './schema-copy.js';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isIntrospectionType,
  isObjectType,
  isInterfaceType,
  isSpecifiedScalarType,
} from 'graphql';
import { repoRoot } from '../db/repo-root.js';
import { composeSupergraph } from './compose.js';

const schemaDir = join(repoRoot(), 'schema');
const composeCli = join(repoRoot(), 'tools', 'dist', 'compose.js');
const run = promisify(execFile);

async function freshApiSdl(dir: string): Promise<string> {
  const composition = await composeSupergraph(dir);
  if (!composition.ok) throw new Error(composition.errors.join('\n'));
  return composition.apiSdl;
}

describe('the published API schema (schema/api.graphql)', () => {
  test('the committed file equals the API schema of a fresh composition', async () => {
    // Read straight from the subgraph SDLs: nothing here (or in the build) rewrites the committed file first.
    expect(await readFile(join(schemaDir, 'api.graphql'), 'utf8')).toBe(await freshApiSdl(schemaDir));
  });

  test('shows clients nothing of federation and no @inaccessible member', async () => {
    const sdl = await readFile(join(schemaDir, 'api.graphql'), 'utf8');
    expect(sdl).not.toMatch(/join__|link__|@inaccessible|@link|_sessionRoleProfile|recordAppointmentOutcome|_entities|_service/);
    const supergraph = await readFile(join(schemaDir, 'supergraph.graphql'), 'utf8');
    // The members that are hidden exist in the supergraph, so the check above looks at something real.
    expect(supergraph).toMatch(/_sessionRoleProfile[\s\S]*recordAppointmentOutcome|recordAppointmentOutcome[\s\S]*_sessionRoleProfile/);
  });

  // Arguments are left out for now: most are described in their field's description (docs/partners.md).
  test('every type, field, input field and enum value a client sees has a description', async () => {
    const schema = buildSchema(await readFile(join(schemaDir, 'api.graphql'), 'utf8'));
    const undescribed: string[] = [];
    const need = (description: string | null | undefined, where: string) => {
      if (!description?.trim()) undescribed.push(where);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      need(type.description, type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          need(field.description, `${type.name}.${field.name}`);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) need(field.description, `${type.name}.${field.name}`);
      } else if (isEnumType(type)) {
        for (const value of type.getValues()) need(value.description, `${type.name}.${value.name}`);
      }
    }
    expect(undescribed).toEqual([]);
  });

  describe('when a subgraph SDL changes and api.graphql is not recomposed', () => {
    let changedDir: string;
    beforeAll(async () => {
      changedDir = await editedSchemaCopy(schemaDir, 'patient.graphql', (sdl) =>
        sdl.replace('"Date of birth."', '"Date of birth, as registered."'),
      );
    });
    afterAll(() => rm(changedDir, { recursive: true, force: true }));

    test('the committed file no longer matches a fresh composition', async () => {
      expect(await readFile(join(changedDir, 'api.graphql'), 'utf8')).not.toBe(await freshApiSdl(changedDir));
    });

    test('`compose --check` fails, names the file, and writes nothing', async () => {
      const before = await readFile(join(changedDir, 'api.graphql'), 'utf8');
      await expect(
        run(process.execPath, [composeCli, '--check'], { env: { ...process.env, SCHEMA_DIR: changedDir } }),
      ).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/api\.graphql is out of date with the subgraph SDLs: run `npm run compose`/),
      });
      expect(await readFile(join(changedDir, 'api.graphql'), 'utf8')).toBe(before);
    });

    test('an option `compose` does not know (such as the old `--build`) is refused, and nothing is written', async () => {
      const before = await readFile(join(changedDir, 'api.graphql'), 'utf8');
      await expect(
        run(process.execPath, [composeCli, '--build'], { env: { ...process.env, SCHEMA_DIR: changedDir } }),
      ).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown option --build/) });
      expect(await readFile(join(changedDir, 'api.graphql'), 'utf8')).toBe(before);
    });

    test('`npm run compose` writes the new API schema', async () => {
      await run(process.execPath, [composeCli], { env: { ...process.env, SCHEMA_DIR: changedDir } });
      const written = await readFile(join(changedDir, 'api.graphql'), 'utf8');
      expect(written).toBe(await freshApiSdl(changedDir));
      expect(written).toContain('Date of birth, as registered.');
    });
  });
});
