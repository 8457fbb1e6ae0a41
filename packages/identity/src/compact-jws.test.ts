import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair, importJWK, jwtVerify } from 'jose';
import { ed25519KeyObject, quickVerify, type QuickCheck } from './compact-jws.js';
import { generateSigningKeyPair, type SigningKeyPair } from './signing-keys.js';

const now = Math.floor(Date.now() / 1000);
const check: QuickCheck = {
  algorithm: 'EdDSA',
  type: 'epr-credential+jwt',
  issuer: 'epr-gateway',
  audience: 'patient',
  requiredClaims: ['sub', 'exp', 'iat', 'jti'],
  clockToleranceSeconds: 5,
  now,
};
const claims = { iss: 'epr-gateway', aud: 'patient', sub: 'user-1', iat: now, exp: now + 30, jti: 'j-1' };
const header = { alg: 'EdDSA', typ: 'epr-credential+jwt' };

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('quickVerify: the synchronous check of our own Ed25519 tokens', () => {
  let keys: SigningKeyPair;
  let privateKey: KeyObject;
  let publicKey: KeyObject;
  const token = (h: object, payload: object, key = privateKey) => {
    const input = `${part(h)}.${part(payload)}`;
    return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
  };
  /** What jose says of the same token with the same expectations: the payload, or the error's name. */
  const jose = async (jwt: string) => {
    const key = await importJWK(keys.publicJwk, 'EdDSA');
    return jwtVerify(jwt, key, {
      issuer: check.issuer,
      audience: check.audience,
      algorithms: ['EdDSA'],
      typ: check.type!,
      requiredClaims: [...check.requiredClaims],
      clockTolerance: check.clockToleranceSeconds,
      // The same instant quickVerify judges at (check.now): a slow run must not move the expiry cases across the line.
      currentDate: new Date(check.now * 1000),
    }).then(
      ({ payload }) => payload,
      (error: Error) => error.name,
    );
  };

  beforeAll(async () => {
    keys = await generateSigningKeyPair();
    privateKey = createPrivateKey({ key: keys.privateJwk as never, format: 'jwk' });
    publicKey = createPublicKey({ key: keys.publicJwk as never, format: 'jwk' });
  });

  it('accepts a well-formed token, with the payload jose would return', async () => {
    const jwt = token(header, claims);
    expect(quickVerify(jwt, publicKey, check)).toEqual(await jose(jwt));
  });

  it.each([
    [
      'signed with another key',
      async () => token(header, claims, createPrivateKey({ key: (await generateSigningKeyPair()).privateJwk as never, format: 'jwk' })),
    ],
    ['altered after signing', () => Promise.resolve(token(header, claims).replace(/\.[^.]+\./, `.${part({ ...claims, sub: 'x' })}.`))],
    ['of another type', () => Promise.resolve(token({ ...header, typ: 'JWT' }, claims))],
    ['with a critical header', () => Promise.resolve(token({ ...header, crit: ['exp'] }, claims))],
    ['unsigned (alg none)', () => Promise.resolve(`${part({ alg: 'none', typ: header.typ })}.${part(claims)}.`)],
    ['for another audience', () => Promise.resolve(token(header, { ...claims, aud: 'audit' }))],
    ['for several audiences', () => Promise.resolve(token(header, { ...claims, aud: ['patient', 'another-audience'] }))],
    ['from another issuer', () => Promise.resolve(token(header, { ...claims, iss: 'someone' }))],
    ['expired beyond the tolerance', () => Promise.resolve(token(header, { ...claims, exp: now - 6 }))],
    ['not valid yet', () => Promise.resolve(token(header, { ...claims, nbf: now + 60 }))],
    ['without a required claim', () => Promise.resolve(token(header, { ...claims, jti: undefined }))],
    ['with a time that is not a number', () => Promise.resolve(token(header, { ...claims, iat: 'now' }))],
    ['not three parts', () => Promise.resolve(`${token(header, claims)}.more`)],
    ['whose signature has a stray character appended', () => Promise.resolve(`${token(header, claims)}~`)],
    [
      'whose signature has stray characters inside',
      () => Promise.resolve(token(header, claims).replace(/\.([^.]{40})([^.]+)$/, '.$1~~~$2')),
    ],
    [
      'whose signature is spelt in standard base64 (+ and /)',
      () => {
        // Signatures vary; sign until one has a `-` or `_` to respell.
        for (let i = 0; ; i++) {
          const jwt = token(header, { ...claims, jti: `respell-${i}` });
          const signature = jwt.slice(jwt.lastIndexOf('.') + 1);
          if (/[-_]/.test(signature))
            return Promise.resolve(jwt.slice(0, jwt.lastIndexOf('.') + 1) + signature.replace(/-/g, '+').replace(/_/g, '/'));
        }
      },
    ],
    [
      'whose payload is not valid UTF-8',
      () => {
        const input = `${part(header)}.${Buffer.concat([Buffer.from(JSON.stringify(claims).slice(0, -1) + ',"x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]).toString('base64url')}`;
        return Promise.resolve(`${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`);
      },
    ],
  ])('leaves a token %s to jose', async (_, make) => {
    const jwt = await make();
    expect(quickVerify(jwt, publicKey, check)).toBeUndefined();
  });

  it('never accepts what jose refuses (the cases above, each refused by jose, or accepted by both)', async () => {
    const valid = token(header, claims);
    const variants = [
      `${valid}~`,
      token(header, claims),
      token({ ...header, typ: 'application/epr-credential+jwt' }, claims),
      token(header, { ...claims, exp: now - 4 }),
      token(header, { ...claims, nbf: now + 4 }),
      token(header, { ...claims, aud: ['patient'] }),
    ];
    for (const jwt of variants) {
      const quick = quickVerify(jwt, publicKey, check);
      if (quick !== undefined) expect(await jose(jwt)).toEqual(quick);
    }
  });
});

describe('ed25519KeyObject: the keys a JWKS resolver hands out, as node:crypto takes them', () => {
  it('turns a WebCrypto Ed25519 key (what jose resolves from a key set) into a public KeyObject, once per key', async () => {
    const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const keyObject = ed25519KeyObject(publicKey);
    expect(keyObject?.asymmetricKeyType).toBe('ed25519');
    expect(keyObject?.type).toBe('public');
    expect(ed25519KeyObject(publicKey)).toBe(keyObject);
  });

  it('takes no other kind of key, so such tokens go to jose', async () => {
    const { publicKey: es256 } = await generateKeyPair('ES256');
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    expect(ed25519KeyObject(es256)).toBeNull();
    expect(ed25519KeyObject(privateKey)).toBeNull();
    expect(ed25519KeyObject(new Uint8Array(32))).toBeNull();
    expect(ed25519KeyObject('a key')).toBeNull();
  });
});
