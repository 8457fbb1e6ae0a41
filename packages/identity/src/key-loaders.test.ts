import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadKeyFromEnv, loadKeyFromFile } from './key-loaders.js';
import { SigningKeyError } from './signing-key-error.js';
import { generateSigningKeyPair, type SigningKeyPair } from './signing-keys.js';
import { temporaryDirectory } from './test-support/session-issuer.js';

describe('key loaders', () => {
  let pair: SigningKeyPair;

  beforeAll(async () => {
    pair = await generateSigningKeyPair();
  });

  describe('loadKeyFromEnv', () => {
    it('reads a private JWK from the named variable', () => {
      const env = { EPR_GATEWAY_PRIVATE_JWK: JSON.stringify(pair.privateJwk) };

      expect(loadKeyFromEnv('EPR_GATEWAY_PRIVATE_JWK', 'private', env)).toEqual(pair.privateJwk);
    });

    it('names the variable when it is unset', () => {
      expect(() => loadKeyFromEnv('EPR_GATEWAY_PUBLIC_JWK', 'public', {})).toThrow(
        new SigningKeyError('environment variable EPR_GATEWAY_PUBLIC_JWK is not set'),
      );
    });

    it('never echoes the value when it is not JSON', () => {
      const env = { EPR_GATEWAY_PRIVATE_JWK: 'd=top-secret-material' };

      expect(() => loadKeyFromEnv('EPR_GATEWAY_PRIVATE_JWK', 'private', env)).toThrow(
        new SigningKeyError('environment variable EPR_GATEWAY_PRIVATE_JWK does not hold valid JSON'),
      );
    });

    it('refuses the private key where a public key is expected', () => {
      const env = { EPR_GATEWAY_PUBLIC_JWK: JSON.stringify(pair.privateJwk) };

      expect(() => loadKeyFromEnv('EPR_GATEWAY_PUBLIC_JWK', 'public', env)).toThrow(SigningKeyError);
    });

    it('refuses a key that is not Ed25519', () => {
      const env = { EPR_GATEWAY_PUBLIC_JWK: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }) };

      expect(() => loadKeyFromEnv('EPR_GATEWAY_PUBLIC_JWK', 'public', env)).toThrow(SigningKeyError);
    });
  });

  describe('loadKeyFromFile', () => {
    it('reads a public JWK from a file', async () => {
      const path = join(await temporaryDirectory(), 'gateway.public.jwk.json');
      await writeFile(path, JSON.stringify(pair.publicJwk));

      await expect(loadKeyFromFile(path, 'public')).resolves.toEqual(pair.publicJwk);
    });

    it('names the file when it cannot be read', async () => {
      const path = join(await temporaryDirectory(), 'absent.jwk.json');

      const error = await loadKeyFromFile(path, 'public').catch((reason: unknown) => reason);

      expect(error).toBeInstanceOf(SigningKeyError);
      expect((error as Error).message).toBe(`key file ${path} could not be read`);
    });
  });
});
