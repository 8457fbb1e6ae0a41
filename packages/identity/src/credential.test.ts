import { createHash } from 'node:crypto';
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

// Only Date is faked: jose's promises must keep running for real.
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
  const body = JSON.stringify({ query: '{ me { userId } }', variables: {} });
  const forPatient = { audience: 'patient', body };

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
      await expect(verifier.verify(signer.sign(clinician, forPatient), forPatient)).resolves.toEqual(clinician);
    });

    it('carries the caller’s care teams, correlation id and, for a patient, their own record', async () => {
      const teamMember = { ...clinician, teamIds: ['team-cardiology', 'team-mdt'], correlationId: 'client-trace-1' };
      const portalPatient = { ...clinician, jobRoleCode: 'PATIENT', patientId: '5e1f0c3a-0000-4000-8000-000000000001' };
      await expect(verifier.verify(signer.sign(teamMember, forPatient), forPatient)).resolves.toEqual(teamMember);
      await expect(verifier.verify(signer.sign(portalPatient, forPatient), forPatient)).resolves.toEqual(portalPatient);
    });

    it('returns the gateway acting as itself, without session details', async () => {
      const caller = await verifier.verify(signer.sign(gatewayItself, forPatient), forPatient);

      expect(caller).toEqual(gatewayItself);
      expect(caller).not.toHaveProperty('cardSerial');
    });

    it('signs a typed EdDSA JWT naming the key, for one subgraph and one body, valid for 30 seconds', async () => {
      const token = signer.sign(clinician, forPatient);
      const { iat, exp, iss, aud, sub, jti, body_sha256 } = decodeJwt(token);

      expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', typ: 'epr-credential+jwt', kid: gatewayKeys.kid });
      expect({ iss, aud, sub, lifetime: Number(exp) - Number(iat) }).toEqual({
        iss: 'epr-gateway',
        aud: 'patient',
        sub: 'user-555',
        lifetime: 30,
      });
      expect(body_sha256).toBe(createHash('sha256').update(body).digest('base64url'));
      expect(jti).toMatch(/^[0-9a-f-]{36}$/);
      expect(decodeJwt(signer.sign(clinician, forPatient)).jti).not.toBe(jti);
    });

    it('honours a custom issuer and lifetime', async () => {
      const customSigner = await createCredentialSigner({ privateKey: gatewayKeys.privateJwk, issuer: 'gateway-b', ttlSeconds: 10 });
      const customVerifier = await createCredentialVerifier({ publicKey: gatewayKeys.publicJwk, issuer: 'gateway-b' });
      const token = customSigner.sign(clinician, forPatient);

      await expect(customVerifier.verify(token, forPatient)).resolves.toEqual(clinician);
      expect(Number(decodeJwt(token).exp) - Number(decodeJwt(token).iat)).toBe(10);
    });

    it('binds the body as bytes: the same JSON in a Buffer verifies', async () => {
      await expect(verifier.verify(signer.sign(clinician, forPatient), { audience: 'patient', body: Buffer.from(body) })).resolves.toEqual(
        clinician,
      );
    });
  });

  describe('refuses', () => {
    it('an absent credential', async () => {
      await expect(refusal(verifier.verify('', forPatient))).resolves.toBe('missing');
    });

    it('a credential whose claims were altered', async () => {
      const [header, , signature] = signer.sign(clinician, forPatient).split('.');
      const elevated = { ...decodeJwt(signer.sign(clinician, forPatient)), job_role_code: 'R0001' };

      await expect(
        refusal(verifier.verify(`${header}.${base64url.encode(JSON.stringify(elevated))}.${signature}`, forPatient)),
      ).resolves.toBe('bad_signature');
    });

    it('a credential signed with another key', async () => {
      const impostor = await createCredentialSigner({ privateKey: (await generateSigningKeyPair()).privateJwk });

      await expect(refusal(verifier.verify(impostor.sign(clinician, forPatient), forPatient))).resolves.toBe('bad_signature');
    });

    it('an unsigned credential (alg none)', async () => {
      const unsigned = handmadeToken({ alg: 'none', typ: 'epr-credential+jwt' }, decodeJwt(signer.sign(clinician, forPatient)));

      await expect(refusal(verifier.verify(unsigned, forPatient))).resolves.toBe('unsupported_alg');
    });

    it('a JWT signed with the gateway key that is not typed as a credential', async () => {
      const key = await importJWK(gatewayKeys.privateJwk, 'EdDSA');
      const untyped = await new SignJWT(decodeJwt(signer.sign(clinician, forPatient))).setProtectedHeader({ alg: 'EdDSA' }).sign(key);

      await expect(refusal(verifier.verify(untyped, forPatient))).resolves.toBe('malformed');
    });

    it('a credential captured on its way to another subgraph', async () => {
      const forCarePathway = signer.sign(clinician, { audience: 'care-pathway', body });

      await expect(refusal(verifier.verify(forCarePathway, forPatient))).resolves.toBe('wrong_audience');
    });

    it('a credential replayed with another body (another operation or other variables)', async () => {
      const token = signer.sign(clinician, forPatient);
      const otherBody = JSON.stringify({ query: '{ me { userId } }', variables: { id: 'someone-else' } });

      await expect(refusal(verifier.verify(token, { audience: 'patient', body: otherBody }))).resolves.toBe('body_mismatch');
    });

    it('a credential presented a second time, even with its own body', async () => {
      const token = signer.sign(clinician, forPatient);
      await verifier.verify(token, forPatient);

      await expect(refusal(verifier.verify(token, forPatient))).resolves.toBe('replayed');
    });

    it('…but a refused presentation does not use a credential up', async () => {
      const token = signer.sign(clinician, forPatient);
      await expect(refusal(verifier.verify(token, { audience: 'patient', body: '{}' }))).resolves.toBe('body_mismatch');

      await expect(verifier.verify(token, forPatient)).resolves.toEqual(clinician);
    });

    it('a credential without a request binding (no jti or body hash), though signed with the gateway key', async () => {
      const key = await importJWK(gatewayKeys.privateJwk, 'EdDSA');
      const { jti: _jti, body_sha256: _body, ...unbound } = decodeJwt(signer.sign(clinician, forPatient));
      const token = await new SignJWT(unbound).setProtectedHeader({ alg: 'EdDSA', typ: 'epr-credential+jwt' }).sign(key);

      await expect(refusal(verifier.verify(token, forPatient))).resolves.toBe('missing_claim');
    });

    it('a credential from another issuer', async () => {
      const elsewhere = await createCredentialSigner({ privateKey: gatewayKeys.privateJwk, issuer: 'other-gateway' });

      await expect(refusal(verifier.verify(elsewhere.sign(clinician, forPatient), forPatient))).resolves.toBe('wrong_issuer');
    });

    it('a credential with an unknown caller kind', async () => {
      const robot = { ...clinician, kind: 'robot' } as unknown as Caller;

      await expect(refusal(verifier.verify(signer.sign(robot, forPatient), forPatient))).resolves.toBe('malformed');
    });

    it('an expired credential', async () => {
      const signedAt = Date.now();
      freezeClockAt(signedAt);
      const token = signer.sign({ ...clinician, requestId: 'request-never-verified' }, forPatient);

      freezeClockAt(signedAt + 60_000);

      await expect(refusal(verifier.verify(token, forPatient))).resolves.toBe('expired');
    });
  });

  describe('replay memory', () => {
    it('remembers a credential for as long as it could verify, then it is simply expired', async () => {
      const signedAt = Date.now();
      freezeClockAt(signedAt);
      const token = signer.sign(clinician, forPatient);
      await verifier.verify(token, forPatient);

      // Within exp plus the clock tolerance: still remembered.
      freezeClockAt(signedAt + 34_000);
      await expect(refusal(verifier.verify(token, forPatient))).resolves.toBe('replayed');

      freezeClockAt(signedAt + 36_000);
      await expect(refusal(verifier.verify(token, forPatient))).resolves.toBe('expired');
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
