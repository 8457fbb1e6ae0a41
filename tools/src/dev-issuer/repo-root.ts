import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest folder above `from` holding turbo.json. Found from this module's own
 * location rather than the working directory, because the same code runs from tools/src under jest,
 * from tools/dist via `npm run token`, and from whichever folder a developer happens to be in.
 */
export function repoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'turbo.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No turbo.json above ${from}: run this from inside the repository.`);
  }
}
