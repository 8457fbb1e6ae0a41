import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { base64url, SignJWT } from 'jose';
import { createSessionVerifier, type SessionVerifier } from './session-verifier.js';
import type { JwksSource } from './jwks-source.js';
import { SessionTokenError, type SessionTokenFailure } from './session-token-error.js';
import {
  handmadeToken,
  issuerKey,
  publishJwks,
  sessionPayload,
  sessionToken,
  temporaryDirectory,
  TEST_AUDIENCE,
  TEST_ISSUER,
  TEST_MAX_SESSION_AGE_SECONDS,
  type IssuerKey,
} from './test-support/session-issuer.js';

/** A verifier of the test issuer's sessions, with its keys from `jwks`. */
function verifierFor(jwks: JwksSource): SessionVerifier {
  return createSessionVerifier({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, jwks, maxSessionAgeSeconds: TEST_MAX_SESSION_AGE_SECONDS });
}

async function rejection(promise: Promise<unknown>): Promise<SessionTokenError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof SessionTokenError)) throw new Error(`expected a SessionTokenError, got ${String(error)}`);
  return error;
}

describe('createSessionVerifier', () => {
  let key: IssuerKey;
  let jwksPath: string;
  let verifier: SessionVerifier;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    key = await issuerKey('EdDSA');
    jwksPath = join(await temporaryDirectory(), 'jwks.json');
    await publishJwks(jwksPath, [key]);
    verifier = verifierFor({ file: jwksPath });
  });

  async function expectRefused(token: string, reason: SessionTokenFailure): Promise<SessionTokenError> {
    const error = await rejection(verifier.verify(token));
    expect(error.reason).toBe(reason);
    return error;
  }

  describe('accepts', () => {
    it('a valid token, mapping its claims', async () => {
      const exp = now() + 600;
      const token = await sessionToken(key, { exp, card_serial: '0123456789', sid: 'session-42' });

      await expect(verifier.verify(token)).resolves.toEqual({
        userId: 'user-555',
        roleProfileId: 'role-profile-123',
        cardSerial: '0123456789',
        sessionId: 'session-42',
        expiresAt: new Date(exp * 1000),
      });
    });

    it('a token without the optional card serial', async () => {
      const claims = await verifier.verify(await sessionToken(key));

      expect(claims).not.toHaveProperty('cardSerial');
    });

    it('a session at the maximum age, and one issued within the clock tolerance ahead', async () => {
      const maxAge = TEST_MAX_SESSION_AGE_SECONDS;
      await expect(verifier.verify(await sessionToken(key, { iat: now() - maxAge + 5, exp: now() + 5 }))).resolves.toBeDefined();
      await expect(verifier.verify(await sessionToken(key, { iat: now() + 10, exp: now() + 3600 }))).resolves.toBeDefined();
    });

    it('a token that expired within the clock tolerance', async () => {
      await expect(verifier.verify(await sessionToken(key, { exp: now() - 10 }))).resolves.toMatchObject({
        userId: 'user-555',
      });
    });

    it('a token whose audience is a list naming this gateway (outside the quick check: jose decides)', async () => {
      await expect(verifier.verify(await sessionToken(key, { aud: ['another-service', TEST_AUDIENCE] }))).resolves.toMatchObject({
        userId: 'user-555',
      });
    });

    it('after a key rotation, the new key only: the old key is refused however it was checked before', async () => {
      const path = join(await temporaryDirectory(), 'jwks.json');
      await publishJwks(path, [key]);
      const rotating = verifierFor({ file: path });
      const before = await sessionToken(key);
      await expect(rotating.verify(before)).resolves.toMatchObject({ userId: 'user-555' });
      const next = await issuerKey('EdDSA');
      await publishJwks(path, [next]);
      await expect(rotating.verify(await sessionToken(next))).resolves.toMatchObject({ userId: 'user-555' });
      expect((await rejection(rotating.verify(before))).reason).toBe('bad_signature');
    });

    it.each(['ES256', 'RS256', 'PS256'])('a token signed with %s', async (alg) => {
      const otherAlgorithmKey = await issuerKey(alg);
      const path = join(await temporaryDirectory(), 'jwks.json');
      await publishJwks(path, [key, otherAlgorithmKey]);
      const multiAlgorithm = verifierFor({ file: path });

      await expect(multiAlgorithm.verify(await sessionToken(otherAlgorithmKey))).resolves.toMatchObject({
        roleProfileId: 'role-profile-123',
      });
    });
  });

  describe('refuses', () => {
    it('an empty token as missing', async () => {
      await expectRefused('', 'missing');
    });

    it('text that is not a JWT as malformed', async () => {
      await expectRefused('not-a-jwt', 'malformed');
    });

    it('an unsigned token (alg none)', async () => {
      await expectRefused(handmadeToken({ alg: 'none', typ: 'JWT' }, sessionPayload()), 'unsupported_alg');
    });

    it('an unsigned token claiming the kid of a trusted key', async () => {
      await expectRefused(handmadeToken({ alg: 'none', kid: key.kid }, sessionPayload()), 'unsupported_alg');
    });

    it('an HS256 token signed with a shared secret', async () => {
      const token = await new SignJWT(sessionPayload())
        .setProtectedHeader({ alg: 'HS256', kid: key.kid })
        .sign(new TextEncoder().encode('a-secret-anyone-could-guess-but-long-enough'));

      await expectRefused(token, 'unsupported_alg');
    });

    it("an HS256 token keyed with the issuer's public key (algorithm confusion)", async () => {
      const publicKeyBytes = base64url.decode(String(key.publicJwk.x));
      const token = await new SignJWT(sessionPayload()).setProtectedHeader({ alg: 'HS256' }).sign(publicKeyBytes);

      await expectRefused(token, 'unsupported_alg');
    });

    it('an asymmetric algorithm outside the allowed list (ES384)', async () => {
      await expectRefused(await sessionToken(await issuerKey('ES384')), 'unsupported_alg');
    });

    it('a token signed by another key under an unknown kid', async () => {
      await expectRefused(await sessionToken(await issuerKey('EdDSA')), 'bad_signature');
    });

    it("a token signed by another key under the trusted key's kid", async () => {
      const impostor = { ...(await issuerKey('EdDSA')), kid: key.kid };

      await expectRefused(await sessionToken(impostor), 'bad_signature');
    });

    it('a token whose payload was altered after signing', async () => {
      const [header, , signature] = (await sessionToken(key)).split('.');
      const elevated = base64url.encode(JSON.stringify(sessionPayload({ selected_roleid: 'role-profile-admin' })));

      await expectRefused(`${header}.${elevated}.${signature}`, 'bad_signature');
    });

    it('an expired token', async () => {
      await expectRefused(await sessionToken(key, { iat: now() - 7200, exp: now() - 60 }), 'expired');
    });

    it('a token not valid until later', async () => {
      await expectRefused(await sessionToken(key, { nbf: now() + 300 }), 'not_yet_valid');
    });

    it('a token from another issuer', async () => {
      await expectRefused(await sessionToken(key, { iss: 'https://elsewhere.test' }), 'wrong_issuer');
    });

    it('a token with no issuer', async () => {
      await expectRefused(await sessionToken(key, { iss: undefined }), 'wrong_issuer');
    });

    it('a token for another audience', async () => {
      await expectRefused(await sessionToken(key, { aud: 'another-service' }), 'wrong_audience');
    });

    it('a token with no selected role, telling the user to select one', async () => {
      const error = await expectRefused(await sessionToken(key, { selected_roleid: undefined }), 'missing_claim');

      expect(error.claim).toBe('selected_roleid');
      expect(error.message).toMatch(/select a role/);
    });

    it('a token with an empty selected role', async () => {
      const error = await expectRefused(await sessionToken(key, { selected_roleid: '' }), 'missing_claim');

      expect(error.claim).toBe('selected_roleid');
    });

    it('a token with no subject', async () => {
      const error = await expectRefused(await sessionToken(key, { sub: undefined }), 'missing_claim');

      expect(error.claim).toBe('sub');
    });

    it('a token with no expiry', async () => {
      const error = await expectRefused(await sessionToken(key, { exp: undefined }), 'missing_claim');

      expect(error.claim).toBe('exp');
    });

    it('a token with no session id, which could never be revoked', async () => {
      const error = await expectRefused(await sessionToken(key, { sid: undefined }), 'missing_claim');

      expect(error.claim).toBe('sid');
    });

    it('a session id too long to record', async () => {
      await expectRefused(await sessionToken(key, { sid: 's'.repeat(65) }), 'malformed');
      await expect(verifier.verify(await sessionToken(key, { sid: 's'.repeat(64) }))).resolves.toMatchObject({ sessionId: 's'.repeat(64) });
    });

    it('a token with no issued-at time', async () => {
      await expectRefused(await sessionToken(key, { iat: undefined }), 'iat_missing');
    });

    it('a session signed in longer ago than the maximum age, though its exp is still ahead', async () => {
      await expectRefused(await sessionToken(key, { iat: now() - TEST_MAX_SESSION_AGE_SECONDS - 60, exp: now() + 60 }), 'session_too_old');
    });

    it('a fresh session meant to last longer than the maximum age', async () => {
      await expectRefused(await sessionToken(key, { iat: now(), exp: now() + 10 * 365 * 24 * 3600 }), 'session_too_old');
    });

    it('a session issued in the future beyond the clock tolerance', async () => {
      await expectRefused(await sessionToken(key, { iat: now() + 120, exp: now() + 3600 }), 'session_too_old');
    });

    it('an issued-at time that is not a number', async () => {
      await expectRefused(await sessionToken(key, { iat: 'yesterday' }), 'malformed');
    });

    it('a card serial that is not a string', async () => {
      await expectRefused(await sessionToken(key, { card_serial: 1234 }), 'malformed');
    });

    it('with a message fit for the user: no library, algorithm or claim internals', async () => {
      const error = await expectRefused(handmadeToken({ alg: 'none' }, sessionPayload()), 'unsupported_alg');

      expect(error.message).not.toMatch(/alg|jose|JWS|JWT|header|"/i);
      expect(error.cause).toBeDefined();
    });
  });

  describe('when the key set cannot be read', () => {
    it('reports the issuer as unavailable rather than blaming the token', async () => {
      const missingFile = verifierFor({ file: join(await temporaryDirectory(), 'absent.json') });

      const error = await rejection(missingFile.verify(await sessionToken(key)));
      expect(error.reason).toBe('issuer_unavailable');
    });
  });
});

describe('createSessionVerifier with a JWKS URL', () => {
  let key: IssuerKey;
  let edKey: IssuerKey;
  let server: Server;
  let jwksUrl: string;
  let serving = true;
  let fetches = 0;

  beforeAll(async () => {
    key = await issuerKey('ES256');
    edKey = await issuerKey('EdDSA');
    server = createServer((_request, response) => {
      fetches += 1;
      response.writeHead(serving ? 200 : 503, { 'content-type': 'application/json' });
      response.end(serving ? JSON.stringify({ keys: [key.publicJwk, edKey.publicJwk] }) : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('accepts a token signed by a published key', async () => {
    serving = true;
    const verifier = verifierFor({ url: jwksUrl });

    await expect(verifier.verify(await sessionToken(key))).resolves.toMatchObject({ userId: 'user-555' });
  });

  it('reports the issuer as unavailable when the endpoint fails', async () => {
    serving = false;
    const verifier = verifierFor({ url: jwksUrl });

    const error = await rejection(verifier.verify(await sessionToken(key)));
    expect(error.reason).toBe('issuer_unavailable');
  });

  it.each([
    ['ES256', () => key],
    ['EdDSA (the quick check)', () => edKey],
  ])('asks a failing endpoint once per %s token, not again for a second opinion', async (_name, which) => {
    serving = false;
    const verifier = verifierFor({ url: jwksUrl });
    const token = await sessionToken(which());
    fetches = 0;
    expect((await rejection(verifier.verify(token))).reason).toBe('issuer_unavailable');
    expect(fetches).toBe(1);
  });
});
