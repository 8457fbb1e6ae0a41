import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseSigningKey } from './key-loaders.js';
import { generateSigningKeyPair, signingKeyPairFrom, type SigningKeyPair } from './signing-keys.js';

/**
 * Loads the Ed25519 key pair kept as a private JWK at `path`, generating and saving one (owner-only,
 * 0600, in a 0700 directory) on first use. Only the private JWK is stored; the public half is derived.
 */
export async function loadOrCreateKeyPair(path: string): Promise<SigningKeyPair> {
  const existing = await readIfPresent(path);
  if (existing !== undefined) return signingKeyPairFrom(parseSigningKey(existing, 'private', `key file ${path}`));

  const created = await generateSigningKeyPair();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  if (await createExclusively(path, `${JSON.stringify(created.privateJwk, null, 2)}\n`)) return created;
  // Another process created the key first; use theirs so everyone signs with the same key.
  return loadOrCreateKeyPair(path);
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Publishes `contents` at `path` only if nothing is there yet. Writing a temporary file and hard-linking
 * it into place means a concurrent reader sees either no file or the whole key, never a partial one.
 */
async function createExclusively(path: string, contents: string): Promise<boolean> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, contents, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}
