import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

/**
 * Resolves verification keys from a JWKS JSON file, re-reading it whenever it changes so an issuer
 * can rotate keys without a restart (or withdraw one at once). The file is stat'ed on each lookup, synchronously:
 * about 2 µs of CPU against about 20 µs for the promise form and its thread-pool round trip (every gateway
 * request verifies a session); it is parsed, and its keys imported, only once per version.
 */
export function createJwksFileKeyResolver(path: string): JWTVerifyGetKey {
  let loaded: { version: string; keySet: Promise<JWTVerifyGetKey> } | undefined;

  return async (protectedHeader, token) => {
    const version = fileVersion(path);
    if (loaded?.version !== version) {
      const keySet = readKeySet(path);
      loaded = { version, keySet };
      // A failed read (say, a half-written file) must not stick: forget it so the next lookup retries.
      keySet.catch(() => {
        if (loaded?.keySet === keySet) loaded = undefined;
      });
    }
    const resolveKey = await loaded.keySet;
    return resolveKey(protectedHeader, token);
  };
}

// mtime alone can miss two writes within the filesystem's timestamp granularity, and an atomic
// rename-into-place changes the inode, so all three together identify a version.
function fileVersion(path: string): string {
  const { mtimeNs, size, ino } = statSync(path, { bigint: true });
  return `${mtimeNs}:${size}:${ino}`;
}

async function readKeySet(path: string): Promise<JWTVerifyGetKey> {
  return createLocalJWKSet(JSON.parse(await readFile(path, 'utf8')) as JSONWebKeySet);
}
