import type { Caller } from './caller.js';
import { CredentialError } from './credential-error.js';
import { serviceCredentialIssuer } from './credential-profile.js';
import { createCredentialSigner } from './credential-signer.js';
import { createCredentialTrust } from './credential-trust.js';
import { generateSigningKeyPair, type SigningKeyPair } from './signing-keys.js';

const user: Caller = {
  kind: 'user',
  userId: 'dr.amelia.hart',
  roleProfileId: 'rp-hart-rx1',
  jobRoleCode: 'R8000',
  organisationOds: 'RX1',
  requestId: 'req-1',
};
const scheduling: Caller = {
  kind: 'service',
  userId: 'scheduling',
  roleProfileId: 'service',
  jobRoleCode: 'SERVICE',
  organisationOds: 'EPR',
  requestId: 'req-2',
};

describe('credential trust: the gateway, and named services for themselves', () => {
  let gateway: SigningKeyPair;
  let schedulingKey: SigningKeyPair;
  let trust: Awaited<ReturnType<typeof createCredentialTrust>>;

  beforeAll(async () => {
    gateway = await generateSigningKeyPair();
    schedulingKey = await generateSigningKeyPair();
    trust = await createCredentialTrust({ gateway: gateway.publicJwk, services: { scheduling: schedulingKey.publicJwk } });
  });

  const signerFor = (key: SigningKeyPair, issuer?: string) =>
    createCredentialSigner({ privateKey: key.privateJwk, ...(issuer ? { issuer } : {}) });
  const toCarePathway = { audience: 'care-pathway', body: '{"query":"{ __typename }"}' };

  test('a user credential signed by the gateway is accepted', async () => {
    const token = (await signerFor(gateway)).sign(user, toCarePathway);
    await expect(trust.verify(token, toCarePathway)).resolves.toMatchObject({ kind: 'user', userId: 'dr.amelia.hart' });
  });

  test('a service credential signed with that service’s key is accepted', async () => {
    const token = (await signerFor(schedulingKey, serviceCredentialIssuer('scheduling'))).sign(scheduling, toCarePathway);
    await expect(trust.verify(token, toCarePathway)).resolves.toMatchObject({ kind: 'service', userId: 'scheduling' });
  });

  test('a service key cannot vouch for a user', async () => {
    const token = (await signerFor(schedulingKey, serviceCredentialIssuer('scheduling'))).sign(user, toCarePathway);
    await expect(trust.verify(token, toCarePathway)).rejects.toBeInstanceOf(CredentialError);
  });

  test('a service key cannot speak for another service', async () => {
    const token = (await signerFor(schedulingKey, serviceCredentialIssuer('scheduling'))).sign(
      { ...scheduling, userId: 'audit' },
      toCarePathway,
    );
    await expect(trust.verify(token, toCarePathway)).rejects.toBeInstanceOf(CredentialError);
  });

  test('a credential claiming a service issuer but signed with another key is refused', async () => {
    const token = (await signerFor(gateway, serviceCredentialIssuer('scheduling'))).sign(scheduling, toCarePathway);
    await expect(trust.verify(token, toCarePathway)).rejects.toMatchObject({ reason: 'bad_signature' });
  });

  test('an unknown service issuer is refused', async () => {
    const stranger = await generateSigningKeyPair();
    const token = (await signerFor(stranger, serviceCredentialIssuer('billing'))).sign({ ...scheduling, userId: 'billing' }, toCarePathway);
    await expect(trust.verify(token, toCarePathway)).rejects.toMatchObject({ reason: 'wrong_issuer' });
  });

  test('the gateway cannot mint service callers', async () => {
    const token = (await signerFor(gateway)).sign(scheduling, toCarePathway);
    await expect(trust.verify(token, toCarePathway)).rejects.toBeInstanceOf(CredentialError);
  });

  test('a service credential is bound like the gateway’s: to its audience and its body', async () => {
    const signer = await signerFor(schedulingKey, serviceCredentialIssuer('scheduling'));
    await expect(trust.verify(signer.sign(scheduling, toCarePathway), { ...toCarePathway, audience: 'patient' })).rejects.toMatchObject({
      reason: 'wrong_audience',
    });
    await expect(trust.verify(signer.sign(scheduling, toCarePathway), { ...toCarePathway, body: '{}' })).rejects.toMatchObject({
      reason: 'body_mismatch',
    });
  });

  test('garbage is refused as malformed', async () => {
    await expect(trust.verify('not-a-jwt', toCarePathway)).rejects.toMatchObject({ reason: 'malformed' });
  });
});
