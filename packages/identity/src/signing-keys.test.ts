import { describe, expect, it } from '@jest/globals';
import { calculateJwkThumbprint } from 'jose';
import { generateSigningKeyPair, publicJwkOf, publicJwks, signingKeyPairFrom } from './signing-keys.js';

describe('generateSigningKeyPair', () => {
  it('makes an Ed25519 pair labelled with its thumbprint as kid', async () => {
    const { kid, privateJwk, publicJwk } = await generateSigningKeyPair();

    expect(privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid });
    expect(typeof privateJwk.d).toBe('string');
    expect(publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, alg: 'EdDSA', use: 'sig', kid });
    expect(kid).toBe(await calculateJwkThumbprint(publicJwk));
  });

  it('makes a different key each time', async () => {
    const [first, second] = await Promise.all([generateSigningKeyPair(), generateSigningKeyPair()]);

    expect(first.kid).not.toBe(second.kid);
  });
});

describe('signingKeyPairFrom', () => {
  it('keeps a kid the key already has', async () => {
    const { privateJwk } = await generateSigningKeyPair();

    await expect(signingKeyPairFrom({ ...privateJwk, kid: 'gateway-2025-01' })).resolves.toMatchObject({
      kid: 'gateway-2025-01',
      publicJwk: { kid: 'gateway-2025-01' },
    });
  });
});

describe('publicJwks', () => {
  it('publishes only the public half of every key it is given', async () => {
    const [current, next] = await Promise.all([generateSigningKeyPair(), generateSigningKeyPair()]);

    const jwks = publicJwks(current.privateJwk, next.publicJwk);

    expect(jwks).toEqual({ keys: [current.publicJwk, next.publicJwk] });
    expect(JSON.stringify(jwks)).not.toContain('"d"');
  });

  it('strips the private members of RSA keys too', () => {
    const rsa = { kty: 'RSA', n: 'n', e: 'AQAB', d: 'd', p: 'p', q: 'q', dp: 'dp', dq: 'dq', qi: 'qi' };

    expect(publicJwkOf(rsa)).toEqual({ kty: 'RSA', n: 'n', e: 'AQAB' });
  });
});
