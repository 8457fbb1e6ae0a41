import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { createSessionVerifier, SessionTokenError, type SessionVerifier } from '@epr/identity';
import { DEV_AUDIENCE, DEV_ISSUER } from './defaults.js';
import { devIssuerKeyFiles } from './key-dir.js';
import { mintSessionToken } from './mint-session-token.js';

describe('mintSessionToken', () => {
  let keyDir: string;
  let gatewayVerifier: SessionVerifier;

  beforeEach(async () => {
    keyDir = join(await mkdtemp(join(tmpdir(), 'epr-dev-issuer-')), 'keys');
    gatewayVerifier = createSessionVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwks: { file: devIssuerKeyFiles(keyDir).jwks },
      // The baseline policy's sessionMaxAgeHours.
      maxSessionAgeSeconds: 12 * 3600,
    });
  });

  it('mints a token the gateway verifier accepts, creating the issuer keys on first use', async () => {
    const { token, claims } = await mintSessionToken(
      { userId: 'user-555', roleProfileId: 'role-profile-123', cardSerial: '0123456789' },
      { keyDir },
    );

    await expect(gatewayVerifier.verify(token)).resolves.toEqual({
      userId: 'user-555',
      roleProfileId: 'role-profile-123',
      cardSerial: '0123456789',
      sessionId: claims.sid,
      expiresAt: new Date(claims.exp * 1000),
    });
  });

  it('lasts a clinical shift (8 hours) by default, or the lifetime asked for', async () => {
    const shift = await mintSessionToken({ userId: 'u', roleProfileId: 'r' }, { keyDir });
    const brief = await mintSessionToken({ userId: 'u', roleProfileId: 'r', ttlSeconds: 90 }, { keyDir });

    expect(shift.claims.exp - shift.claims.iat).toBe(8 * 3600);
    expect(brief.claims.exp - brief.claims.iat).toBe(90);
    expect(shift.claims).toMatchObject({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: 'u', selected_roleid: 'r' });
    expect(shift.claims).not.toHaveProperty('card_serial');
  });

  it('mints an expired token that the gateway refuses as expired', async () => {
    const { token } = await mintSessionToken({ userId: 'u', roleProfileId: 'r', expired: true }, { keyDir });

    const error = await gatewayVerifier.verify(token).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(SessionTokenError);
    expect((error as SessionTokenError).reason).toBe('expired');
  });

  it('mints a session signed in longer ago than the policy allows, which the gateway refuses as too old', async () => {
    const { token, claims } = await mintSessionToken({ userId: 'u', roleProfileId: 'r', issuedAgoSeconds: 13 * 3600 }, { keyDir });

    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
    const error = await gatewayVerifier.verify(token).catch((reason: unknown) => reason);
    expect((error as SessionTokenError).reason).toBe('session_too_old');
  });

  it('keeps one owner-only key and publishes only its public half', async () => {
    await mintSessionToken({ userId: 'u', roleProfileId: 'r' }, { keyDir });
    const firstKey = await readFile(devIssuerKeyFiles(keyDir).privateKey, 'utf8');
    await mintSessionToken({ userId: 'u', roleProfileId: 'r' }, { keyDir });

    expect(await readFile(devIssuerKeyFiles(keyDir).privateKey, 'utf8')).toBe(firstKey);
    expect((await stat(devIssuerKeyFiles(keyDir).privateKey)).mode & 0o777).toBe(0o600);
    const jwks = JSON.parse(await readFile(devIssuerKeyFiles(keyDir).jwks, 'utf8')) as { keys: object[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it.each([
    [{ userId: '', roleProfileId: 'r' }],
    [{ userId: 'u', roleProfileId: '' }],
    [{ userId: 'u', roleProfileId: 'r', ttlSeconds: 0 }],
    [{ userId: 'u', roleProfileId: 'r', ttlSeconds: 1.5 }],
    [{ userId: 'u', roleProfileId: 'r', issuedAgoSeconds: 0 }],
  ])('refuses the request %p', async (request) => {
    await expect(mintSessionToken(request, { keyDir })).rejects.toThrow(RangeError);
  });
});
