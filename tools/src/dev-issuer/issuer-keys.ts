import { loadOrCreateKeyPair, publicJwks, type SigningKeyPair } from '@epr/identity';
import { devIssuerKeyFiles } from './key-dir.js';
import { publishFile } from './publish-file.js';

/**
 * The dev issuer's key pair, created on first use, with its JWKS (re)published beside it so the gateway
 * always trusts the key tokens are actually signed with.
 */
export async function ensureDevIssuerKeys(keyDir: string): Promise<SigningKeyPair> {
  const files = devIssuerKeyFiles(keyDir);
  const keyPair = await loadOrCreateKeyPair(files.privateKey);
  await publishFile(files.jwks, `${JSON.stringify(publicJwks(keyPair.publicJwk), null, 2)}\n`);
  return keyPair;
}
