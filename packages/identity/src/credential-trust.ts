import { decodeJwt, type JWK } from 'jose';
import type { Caller } from './caller.js';
import { CredentialError } from './credential-error.js';
import { CREDENTIAL_ISSUER, serviceCredentialIssuer } from './credential-profile.js';
import { createCredentialVerifier, type CredentialVerifier } from './credential-verifier.js';

export interface CredentialTrustOptions {
  /** The gateway's public key: credentials for users and for the gateway itself. */
  readonly gateway: JWK;
  /** Each service allowed to call in its own name, with its public key. */
  readonly services?: Readonly<Record<string, JWK>>;
}

/**
 * What a subgraph trusts: credentials the gateway signed (user and system callers), and credentials a named
 * service signed for itself. A service key can only ever vouch for that service — never for a user, never
 * for another service — so a compromised subgraph cannot impersonate a clinician.
 */
export async function createCredentialTrust(options: CredentialTrustOptions): Promise<CredentialVerifier> {
  const gateway = await createCredentialVerifier({ publicKey: options.gateway });
  const services = new Map<string, { name: string; verifier: CredentialVerifier }>();
  for (const [name, publicKey] of Object.entries(options.services ?? {})) {
    const issuer = serviceCredentialIssuer(name);
    services.set(issuer, { name, verifier: await createCredentialVerifier({ publicKey, issuer }) });
  }
  return {
    async verify(token, binding) {
      if (!token) throw new CredentialError('missing');
      const issuer = unverifiedIssuer(token);
      if (issuer === CREDENTIAL_ISSUER) {
        const caller = await gateway.verify(token, binding);
        if (caller.kind === 'service') throw new CredentialError('malformed', { claim: 'kind' });
        return caller;
      }
      const service = issuer === undefined ? undefined : services.get(issuer);
      if (!service) throw new CredentialError('wrong_issuer');
      const caller: Caller = await service.verifier.verify(token, binding);
      if (caller.kind !== 'service' || caller.userId !== service.name) throw new CredentialError('malformed', { claim: 'sub' });
      return caller;
    },
  };
}

// Only used to pick the key; the chosen verifier then checks the signature and the issuer properly.
function unverifiedIssuer(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    throw new CredentialError('malformed');
  }
}
