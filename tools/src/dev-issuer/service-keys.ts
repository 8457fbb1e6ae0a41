import { join } from 'node:path';
import { loadOrCreateKeyPair, type SigningKeyPair } from '@epr/identity';
import { publishFile } from './publish-file.js';

export interface ServiceKeys {
  /** Per service, the file holding its private key (SERVICE_PRIVATE_JWK_FILE). */
  readonly privateKeyFiles: Readonly<Record<string, string>>;
  /** `{ "<service>": <public JWK>, ... }`, what every subgraph trusts (TRUSTED_SERVICE_KEYS_FILE). */
  readonly trustedKeysFile: string;
}

/**
 * A key pair per service for local runs, so one subgraph can call another in its own name (e.g. scheduling
 * delivering appointment outcomes to care-pathway), and the file of their public keys every subgraph trusts.
 */
export async function ensureServiceKeys(keyDir: string, services: readonly string[]): Promise<ServiceKeys> {
  const privateKeyFiles: Record<string, string> = {};
  const publicKeys: Record<string, SigningKeyPair['publicJwk']> = {};
  for (const service of services) {
    const file = join(keyDir, `service-${service}.private.jwk.json`);
    publicKeys[service] = (await loadOrCreateKeyPair(file)).publicJwk;
    privateKeyFiles[service] = file;
  }
  const trustedKeysFile = join(keyDir, 'trusted-services.json');
  await publishFile(trustedKeysFile, `${JSON.stringify(publicKeys, null, 2)}\n`);
  return { privateKeyFiles, trustedKeysFile };
}
