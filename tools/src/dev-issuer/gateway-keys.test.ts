import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createCredentialSigner, createCredentialVerifier, loadKeyFromFile } from '@epr/identity';
import { ensureGatewayKeys } from './gateway-keys.js';

describe('ensureGatewayKeys', () => {
  it('writes a key pair whose files the gateway and subgraphs can sign and verify with', async () => {
    const keyDir = join(await mkdtemp(join(tmpdir(), 'epr-gateway-keys-')), 'keys');

    const { privateKeyFile, publicKeyFile } = await ensureGatewayKeys(keyDir);

    expect([privateKeyFile, publicKeyFile]).toEqual([join(keyDir, 'gateway.private.jwk.json'), join(keyDir, 'gateway.public.jwk.json')]);
    expect((await stat(privateKeyFile)).mode & 0o777).toBe(0o600);
    const signer = await createCredentialSigner({ privateKey: await loadKeyFromFile(privateKeyFile, 'private') });
    const verifier = await createCredentialVerifier({ publicKey: await loadKeyFromFile(publicKeyFile, 'public') });
    const caller = {
      kind: 'system',
      userId: 'epr-gateway',
      roleProfileId: 'epr-gateway',
      jobRoleCode: 'SYSTEM',
      organisationOds: 'EPR',
      requestId: 'request-1',
    } as const;
    const binding = { audience: 'patient', body: '{"query":"{ __typename }"}' };
    await expect(verifier.verify(signer.sign(caller, binding), binding)).resolves.toEqual(caller);
  });

  it('returns the same keys on every later run', async () => {
    const keyDir = await mkdtemp(join(tmpdir(), 'epr-gateway-keys-'));

    const first = await ensureGatewayKeys(keyDir);

    await expect(ensureGatewayKeys(keyDir)).resolves.toEqual(first);
  });
});
