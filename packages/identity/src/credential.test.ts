import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { base64url, decodeJwt, decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import type { Caller } from './caller.js';
import { CredentialError, type CredentialFailure } from './credential-error.js';
import { createCredentialSigner, type CredentialSigner } from './credential-signer.js';
import { createCredentialVerifier, type CredentialVerifier } from './credential-verifier.js';
import { SigningKeyError } from './signing-key-error.js';
import { generateSigningKeyPair, type SigningKeyPair } from './signing-keys.js';
import { handmadeToken } from './test-support/session-issuer.js';

const clinician: Caller = {
  kind: 'user',
  userId: 'user-555',
  roleProfileId: 'role-profile-123',
  jobRoleCode: 'R8000',
  organisationOds: 'RX1',
  cardSerial: '0123456789',
  sessionId: 'session-42',
  requestId: 'request-7',
};

const gatewayItself: Caller = {
  kind: 'system',
  userId: 'epr-gateway',
  roleProfileId: 'epr-gateway',
  jobRoleCode: 'SYSTEM',
  organisationOds: 'RX1',
  requestId: 'request-8',
};

async function refusal(promise: Promise<unknown>): Promise<CredentialFailure> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof CredentialError)) throw new Error(`expected a CredentialError, got ${String(error)}`);
  return error.reason;
}

// Only Date is faked: WebCrypto and jose's promises must keep running for real.
function freezeClockAt(epochMs: number): void {
  jest.useFakeTimers({
    now: epochMs,
    doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'performance', 'hrtime'],
  });
}

describe('gateway credentials', () => {
  let gatewayKeys: SigningKeyPair;
  let signer: CredentialSigner;
  let verifier: CredentialVerifier;

  beforeAll(async () => {
    gatewayKeys = await generateSigningKeyPair();
    signer = await createCredentialSigner({ privateKey: gatewayKeys.privateJwk });
    verifier = await createCredentialVerifier({ publicKey: gatewayKeys.publicJwk });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('round trip', () => {
    it('returns the clinician the gateway vouched for', async () => {
      await expect(verifier.verify(await signer.sign(clinician))).resolves.toEqual(clinician);
    });

    it('carries the caller’s care teams and, for a patient, their own record', async () => {
      const teamMember = { ...clinician, teamIds: ['team-cardiology', 'team-mdt'] };
      const portalPatient = { ...clinician, jobRoleCode: 'PATIENT', patientId: '5e1f0c3a-0000-4000-8000-000000000001' };
      await expect(verifier.verify(await signer.sign(teamMember))).resolves.toEqual(teamMember);
      await expect(verifier.verify(await signer.sign(portalPatient))).resolves.toEqual(portalPatient);
    });

    it('returns the gateway acting as itself, without session details', async () => {
      const caller = await verifier.verify(await signer.sign(gatewayItself));

      expect(caller).toEqual(gatewayItself);
      expect(caller).not.toHaveProperty('cardSerial');
    });

    it('signs a typed EdDSA JWT naming the key, valid for 60 seconds', async () => {
      const token = await signer.sign(clinician);
      const { iat, exp, iss, aud, sub } = decodeJwt(token);

      expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', typ: 'epr-credential+jwt', kid: gatewayKeys.kid });
      expect({ iss, aud, sub, lifetime: Number(exp) - Number(iat) }).toEqual({
        iss: 'epr-gateway',
        aud: 'epr-subgraph',
        sub: 'user-555',
        lifetime: 60,
      });
    });

    it('honours a custom issuer, audience and lifetime', async () => {
      const custom = { issuer: 'gateway-b', audience: 'patient-subgraph' };
      const customSigner = await createCredentialSigner({ privateKey: gatewayKeys.privateJwk, ...custom, ttlSeconds: 30 });
      const customVerifier = await createCredentialVerifier({ publicKey: gatewayKeys.publicJwk, ...custom });
      const token = await customSigner.sign(clinician);

      await expect(customVerifier.verify(token)).resolves.toEqual(clinician);
      expect(Number(decodeJwt(token).exp) - Number(decodeJwt(token).iat)).toBe(30);
    });
  });

  describe('refuses', () => {
    it('an absent credential', async () => {
      await expect(refusal(verifier.verify(''))).resolves.toBe('missing');
    });

    it('a credential whose claims were altered', async () => {
      const [header, , signature] = (await signer.sign(clinician)).split('.');
      const elevated = { ...decodeJwt(await signer.sign(clinician)), job_role_code: 'R0001' };

      await expect(refusal(verifier.verify(`${header}.${base64url.encode(JSON.stringify(elevated))}.${signature}`))).resolves.toBe(
        'bad_signature',
      );
    });

    it('a credential signed with another key', async () => {
      const impostor = await createCredentialSigner({ privateKey: (await generateSigningKeyPair()).privateJwk });

      await expect(refusal(verifier.verify(await impostor.sign(clinician)))).resolves.toBe('bad_signature');
    });

    it('an unsigned credential (alg none)', async () => {
      const unsigned = handmadeToken({ alg: 'none', typ: 'epr-credential+jwt' }, decodeJwt(await signer.sign(clinician)));

      await expect(refusal(verifier.verify(unsigned))).resolves.toBe('unsupported_alg');
    });

    it('a JWT signed with the gateway key that is not typed as a credential', async () => {
      const key = await importJWK(gatewayKeys.privateJwk, 'EdDSA');
      const untyped = await new SignJWT(decodeJwt(await signer.sign(clinician))).setProtectedHeader({ alg: 'EdDSA' }).sign(key);

      await expect(refusal(verifier.verify(untyped))).resolves.toBe('malformed');
    });

    it('a credential for another audience', async () => {
      const elsewhere = await createCredentialSigner({ privateKey: gatewayKeys.privateJwk, audience: 'other-api' });

      await expect(refusal(verifier.verify(await elsewhere.sign(clinician)))).resolves.toBe('wrong_audience');
    });

    it('a credential from another issuer', async () => {
      const elsewhere = await createCredentialSigner({ privateKey: gatewayKeys.privateJwk, issuer: 'other-gateway' });

      await expect(refusal(verifier.verify(await elsewhere.sign(clinician)))).resolves.toBe('wrong_issuer');
    });

    it('a credential with an unknown caller kind', async () => {
      const robot = { ...clinician, kind: 'robot' } as unknown as Caller;

      await expect(refusal(verifier.verify(await signer.sign(robot)))).resolves.toBe('malformed');
    });

    it('an expired credential', async () => {
      const signedAt = Date.now();
      freezeClockAt(signedAt);
      const token = await signer.sign({ ...clinician, requestId: 'request-never-verified' });

      freezeClockAt(signedAt + 120_000);

      await expect(refusal(verifier.verify(token))).resolves.toBe('expired');
    });
  });

  describe('verified-credential cache', () => {
    it('answers a repeat presentation from the cache', async () => {
      const token = await signer.sign(clinician);

      const first = await verifier.verify(token);

      await expect(verifier.verify(token)).resolves.toBe(first);
      expect(Object.isFrozen(first)).toBe(true);
    });

    it('does not accept a cached credential once it has expired', async () => {
      const signedAt = Date.now();
      freezeClockAt(signedAt);
      const token = await signer.sign(clinician);
      await expect(verifier.verify(token)).resolves.toEqual(clinician);

      // Past exp and the clock tolerance: only a stale cache entry could still accept it.
      freezeClockAt(signedAt + 66_000);

      await expect(refusal(verifier.verify(token))).resolves.toBe('expired');
    });
  });

  describe('keys', () => {
    it('refuses to sign with a public key', async () => {
      await expect(createCredentialSigner({ privateKey: gatewayKeys.publicJwk })).rejects.toThrow(SigningKeyError);
    });

    it('refuses to verify with the private key', async () => {
      await expect(createCredentialVerifier({ publicKey: gatewayKeys.privateJwk })).rejects.toThrow(SigningKeyError);
    });
  });
});
