import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A copy of the SDL folder `schemaDir` in a new temporary folder, with the SDL `file` changed by `edit`: what the
 * composition tests compose from when they need a subgraph changed and the composed files left as they were.
 * Fails if `edit` changes nothing (the test would then prove nothing). Resolves to the copy's path.
 */
export async function editedSchemaCopy(schemaDir: string, file: string, edit: (sdl: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'epr-schema-'));
  await cp(schemaDir, dir, { recursive: true });
  const path = join(dir, file);
  const sdl = await readFile(path, 'utf8');
  const changed = edit(sdl);
  if (changed === sdl) throw new Error(`The edit left ${file} as it was.`);
  await writeFile(path, changed);
  return dir;
}
