import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadOrCreateKeyPair } from './key-file.js';
import { SigningKeyError } from './signing-key-error.js';
import { temporaryDirectory } from './test-support/session-issuer.js';

describe('loadOrCreateKeyPair', () => {
  it('creates the directory and an owner-only private key file on first use', async () => {
    const directory = join(await temporaryDirectory(), 'nested', 'keys');
    const path = join(directory, 'gateway.private.jwk.json');

    const created = await loadOrCreateKeyPair(path);

    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(created.privateJwk);
  });

  it('loads the same key on later calls', async () => {
    const path = join(await temporaryDirectory(), 'issuer.private.jwk.json');

    const created = await loadOrCreateKeyPair(path);

    await expect(loadOrCreateKeyPair(path)).resolves.toEqual(created);
  });

  it('settles on one key when several callers create it at once', async () => {
    const path = join(await temporaryDirectory(), 'issuer.private.jwk.json');

    const pairs = await Promise.all(Array.from({ length: 5 }, () => loadOrCreateKeyPair(path)));

    expect(new Set(pairs.map((pair) => pair.kid)).size).toBe(1);
  });

  it('refuses a file that does not hold an Ed25519 private key, without quoting it', async () => {
    const path = join(await temporaryDirectory(), 'broken.private.jwk.json');
    await writeFile(path, '{"kty":"OKP","crv":"Ed25519","d":"c2VjcmV0');

    const error = await loadOrCreateKeyPair(path).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(SigningKeyError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).not.toContain('c2VjcmV0');
  });
});
