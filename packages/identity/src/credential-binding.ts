import { createHash } from 'node:crypto';

/**
 * What one credential is good for: the one service it is sent to (its name is the credential's audience) and the
 * exact request body it travels with. A credential captured on its way to one subgraph is refused by every other,
 * and cannot carry a different operation or different variables.
 */
export interface CredentialBinding {
  readonly audience: string;
  readonly body: string | Uint8Array;
}

/** The `body_sha256` claim: base64url SHA-256 of the request body's bytes (a string is taken as UTF-8). */
export function bodyDigest(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}
