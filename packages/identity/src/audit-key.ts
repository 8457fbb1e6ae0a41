import { readFile } from 'node:fs/promises';

/**
 * The security log's HMAC key is 32 to 64 bytes: at least SHA-256's output, at most its block, so the
 * database's HMAC never has to pre-hash a long key.
 */
const MIN_BYTES = 32;
const MAX_BYTES = 64;

export class AuditKeyError extends Error {}

/**
 * The key that chains the security log, as hex, from `AUDIT_HMAC_KEY` or else the file `AUDIT_HMAC_KEY_FILE`;
 * undefined when neither is set. It lives outside the database it protects: whoever can edit the log must
 * not also hold the key that would let them re-chain it.
 */
export async function loadAuditKey(env: Readonly<Record<string, string | undefined>> = process.env): Promise<Buffer | undefined> {
  if (env['AUDIT_HMAC_KEY']) return parseAuditKey(env['AUDIT_HMAC_KEY'], 'environment variable AUDIT_HMAC_KEY');
  const file = env['AUDIT_HMAC_KEY_FILE'];
  if (!file) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new AuditKeyError(`key file ${file} could not be read`, { cause });
  }
  return parseAuditKey(text, `key file ${file}`);
}

/** Hex text to key bytes; the messages never repeat the text, which is key material. */
export function parseAuditKey(text: string, source: string): Buffer {
  const hex = text.trim();
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new AuditKeyError(`${source} must hold the key as hexadecimal`);
  const key = Buffer.from(hex, 'hex');
  if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
    throw new AuditKeyError(`${source} holds a ${key.length}-byte key; the security log needs ${MIN_BYTES} to ${MAX_BYTES} bytes`);
  }
  return key;
}
