import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAuditKey } from '@epr/identity';

/** Where local runs keep the security log's HMAC key: beside the other dev keys, never in the database. */
export function auditKeyFile(keyDir: string): string {
  return join(keyDir, 'audit-hmac.key');
}

/**
 * The security log key for local runs (`AUDIT_HMAC_KEY_FILE`), created on first use: 32 random bytes as hex,
 * owner-only. Production keys come from the operator's secret store instead.
 */
export async function ensureAuditKeyFile(keyDir: string): Promise<string> {
  const file = auditKeyFile(keyDir);
  await mkdir(keyDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Already there (perhaps written by a concurrent run): keep it, or the chain could no longer be verified.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  parseAuditKey(await readFile(file, 'utf8'), `key file ${file}`);
  return file;
}
