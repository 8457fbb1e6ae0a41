import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';

/**
 * Writes `contents` to `path` unless it already holds exactly that. The write goes to a temporary file
 * renamed into place, so a reader (the gateway watching its JWKS) never sees half a file; skipping
 * unchanged content spares readers a pointless reload.
 */
export async function publishFile(path: string, contents: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === contents) return;
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, contents, { mode: 0o644 });
  await rename(temporary, path);
}
