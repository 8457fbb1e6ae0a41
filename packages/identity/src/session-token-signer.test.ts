import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader } from 'jose';
import { createSessionTokenSigner, type SessionTokenSigner } from './session-token-signer.js';
import { createSessionVerifier, type SessionVerifier } from './session-verifier.js';
import { generateSigningKeyPair, publicJwks, type SigningKeyPair } from './signing-keys.js';
import { temporaryDirectory, TEST_MAX_SESSION_AGE_SECONDS } from './test-support/session-issuer.js';

const issuer = 'https://issuer.test';
const audience = 'epr-gateway';

describe('createSessionTokenSigner', () => {
  let keyPair: SigningKeyPair;
  let signer: SessionTokenSigner;
  let verifier: SessionVerifier;

  beforeAll(async () => {
    keyPair = await generateSigningKeyPair();
    const jwksPath = join(await temporaryDirectory(), 'jwks.json');
    await writeFile(jwksPath, JSON.stringify(publicJwks(keyPair.publicJwk)));
    signer = await createSessionTokenSigner({ privateKey: keyPair.privateJwk, issuer, audience });
    verifier = createSessionVerifier({ issuer, audience, jwks: { file: jwksPath }, maxSessionAgeSeconds: TEST_MAX_SESSION_AGE_SECONDS });
  });

  it('issues tokens the session verifier accepts, claims intact', async () => {
    const session = {
      userId: 'user-555',
      roleProfileId: 'role-profile-123',
      cardSerial: '0123456789',
      sessionId: 'session-42',
      expiresAt: new Date(Math.floor(Date.now() / 1000 + 600) * 1000),
    };

    const { token } = await signer.sign(session);

    await expect(verifier.verify(token)).resolves.toEqual(session);
  });

  it('names the claims as CIS2 does and the key in the header', async () => {
    const issuedAt = new Date('2025-01-01T08:00:00Z');
    const expiresAt = new Date('2025-01-01T16:00:00Z');

    const { token, claims } = await signer.sign({ userId: 'user-555', roleProfileId: 'rp-1', sessionId: 's-1', expiresAt }, issuedAt);

    expect(claims).toEqual({
      iss: issuer,
      aud: audience,
      sub: 'user-555',
      selected_roleid: 'rp-1',
      sid: 's-1',
      iat: issuedAt.getTime() / 1000,
      exp: expiresAt.getTime() / 1000,
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: keyPair.kid });
  });
});
