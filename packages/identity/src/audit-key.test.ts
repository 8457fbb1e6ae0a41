import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { AuditKeyError, loadAuditKey, parseAuditKey } from './audit-key.js';
import { temporaryDirectory } from './test-support/session-issuer.js';

const hex32 = 'ab'.repeat(32);

describe('security log key', () => {
  it('reads hex from AUDIT_HMAC_KEY before AUDIT_HMAC_KEY_FILE', async () => {
    const key = await loadAuditKey({ AUDIT_HMAC_KEY: hex32, AUDIT_HMAC_KEY_FILE: '/nonexistent' });
    expect(key).toEqual(Buffer.alloc(32, 0xab));
  });

  it('reads a key file, ignoring the trailing newline', async () => {
    const file = join(await temporaryDirectory(), 'audit-hmac.key');
    await writeFile(file, `${hex32}\n`);
    expect(await loadAuditKey({ AUDIT_HMAC_KEY_FILE: file })).toEqual(Buffer.alloc(32, 0xab));
  });

  it('is undefined when neither variable is set', async () => {
    expect(await loadAuditKey({})).toBeUndefined();
  });

  it('names the file it could not read', async () => {
    const failure = loadAuditKey({ AUDIT_HMAC_KEY_FILE: '/nonexistent/audit.key' });
    await expect(failure).rejects.toBeInstanceOf(AuditKeyError);
    await expect(failure).rejects.toThrow('key file /nonexistent/audit.key could not be read');
  });

  it('refuses keys that are too short or too long, without echoing them', () => {
    expect(() => parseAuditKey('ab'.repeat(16), 'test key')).toThrow(
      new AuditKeyError('test key holds a 16-byte key; the security log needs 32 to 64 bytes'),
    );
    expect(() => parseAuditKey('ab'.repeat(65), 'test key')).toThrow(/65-byte key/);
  });

  it('refuses text that is not hex, without echoing it', () => {
    const attempt = () => parseAuditKey('secret-material-that-is-not-hex', 'test key');
    expect(attempt).toThrow(new AuditKeyError('test key must hold the key as hexadecimal'));
  });
});
