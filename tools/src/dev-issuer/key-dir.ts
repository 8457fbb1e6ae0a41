import { join } from 'node:path';
import { repoRoot } from '../db/repo-root.js';

/** `<repo>/.data/keys`: git-ignored, so local keys never reach a commit. */
export function defaultKeyDir(): string {
  return join(repoRoot(), '.data', 'keys');
}

/** The dev issuer's private key, and the JWKS the gateway is pointed at to trust it. */
export function devIssuerKeyFiles(keyDir: string) {
  return {
    privateKey: join(keyDir, 'dev-issuer.private.jwk.json'),
    jwks: join(keyDir, 'dev-issuer.jwks.json'),
  };
}

/** The gateway's credential signing key, and the public half the subgraphs verify with. */
export function gatewayKeyFiles(keyDir: string) {
  return {
    privateKey: join(keyDir, 'gateway.private.jwk.json'),
    publicKey: join(keyDir, 'gateway.public.jwk.json'),
  };
}
