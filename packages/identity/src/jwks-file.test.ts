import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { createSessionVerifier, type SessionVerifier } from './session-verifier.js';
import { SessionTokenError } from './session-token-error.js';
import {
  issuerKey,
  publishJwks,
  sessionToken,
  temporaryDirectory,
  TEST_AUDIENCE,
  TEST_ISSUER,
  TEST_MAX_SESSION_AGE_SECONDS,
  type IssuerKey,
} from './test-support/session-issuer.js';

function reasonOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof SessionTokenError ? error.reason : error),
  );
}

describe('a session verifier reading a JWKS file', () => {
  let jwksPath: string;
  let verifier: SessionVerifier;
  let retired: IssuerKey;
  let current: IssuerKey;

  beforeEach(async () => {
    jwksPath = join(await temporaryDirectory(), 'jwks.json');
    retired = await issuerKey();
    current = await issuerKey();
    await publishJwks(jwksPath, [retired]);
    verifier = createSessionVerifier({
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      jwks: { file: jwksPath },
      maxSessionAgeSeconds: TEST_MAX_SESSION_AGE_SECONDS,
    });
  });

  it('picks up a rotated key set that was renamed into place', async () => {
    const retiredToken = await sessionToken(retired);
    await expect(reasonOf(verifier.verify(retiredToken))).resolves.toBe('accepted');

    await publishJwks(jwksPath, [current]);

    await expect(reasonOf(verifier.verify(await sessionToken(current)))).resolves.toBe('accepted');
    await expect(reasonOf(verifier.verify(retiredToken))).resolves.toBe('bad_signature');
  });

  it('picks up a key set rewritten in place once its mtime changes', async () => {
    await expect(reasonOf(verifier.verify(await sessionToken(retired)))).resolves.toBe('accepted');

    await writeFile(jwksPath, JSON.stringify({ keys: [current.publicJwk] }));
    const later = new Date(Date.now() + 5000);
    await utimes(jwksPath, later, later);

    await expect(reasonOf(verifier.verify(await sessionToken(current)))).resolves.toBe('accepted');
  });

  it('keeps trusting both keys while both are published during a rotation', async () => {
    await publishJwks(jwksPath, [retired, current]);

    await expect(reasonOf(verifier.verify(await sessionToken(retired)))).resolves.toBe('accepted');
    await expect(reasonOf(verifier.verify(await sessionToken(current)))).resolves.toBe('accepted');
  });

  it('recovers once a half-written key set is completed', async () => {
    await writeFile(jwksPath, '{"keys": [');
    await expect(reasonOf(verifier.verify(await sessionToken(current)))).resolves.toBe('issuer_unavailable');

    await publishJwks(jwksPath, [current]);

    await expect(reasonOf(verifier.verify(await sessionToken(current)))).resolves.toBe('accepted');
  });
});
