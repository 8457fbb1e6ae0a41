import { loadOrCreateKeyPair, type SigningKeyPair } from '@epr/identity';
import { gatewayKeyFiles } from './key-dir.js';
import { publishFile } from './publish-file.js';

export interface GatewayKeys {
  readonly keyPair: SigningKeyPair;
  /** For the gateway (GATEWAY_PRIVATE_JWK_FILE). */
  readonly privateKeyFile: string;
  /** For the subgraphs, which only ever verify. */
  readonly publicKeyFile: string;
}

/** The gateway's credential key pair for local runs, created on first use and kept under `keyDir`. */
export async function ensureGatewayKeys(keyDir: string): Promise<GatewayKeys> {
  const files = gatewayKeyFiles(keyDir);
  const keyPair = await loadOrCreateKeyPair(files.privateKey);
  await publishFile(files.publicKey, `${JSON.stringify(keyPair.publicJwk, null, 2)}\n`);
  return { keyPair, privateKeyFile: files.privateKey, publicKeyFile: files.publicKey };
}
