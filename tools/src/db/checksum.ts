import { createHash } from 'node:crypto';

/** Prisma's checksum of a migration: SHA-256 of the migration.sql bytes, as 64 lower-case hex digits. */
export function checksumOf(script: string | Buffer): string {
  return createHash('sha256').update(script).digest('hex');
}

/**
 * Whether a script still matches the checksum recorded when it was applied. Like Prisma, accept the script with
 * its line endings converted either way, because git may check a file out with CRLF on one machine and LF on another.
 */
export function matchesChecksum(script: string, recorded: string): boolean {
  return [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')].some((variant) => checksumOf(variant) === recorded);
}
