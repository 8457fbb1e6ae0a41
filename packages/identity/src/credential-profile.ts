// The parameters the gateway signs credentials with and subgraphs insist on.
import { ED25519_ALGORITHM } from './ed25519-jwk.js';

export const CREDENTIAL_ISSUER = 'epr-gateway';
export const CREDENTIAL_AUDIENCE = 'epr-subgraph';

// Long enough for one federated request to fan out across the subgraphs, short enough that a leaked
// credential is useless almost at once.
export const CREDENTIAL_TTL_SECONDS = 60;

// The gateway's own key is Ed25519: small, fast to verify, and with no parameters to get wrong.
export const CREDENTIAL_ALGORITHM = ED25519_ALGORITHM;

// An explicit type (RFC 8725 §3.11) stops any other JWT, whoever signed it, passing as a credential.
export const CREDENTIAL_TYPE = 'epr-credential+jwt';

// Gateway and subgraphs share a host or a cluster, so their clocks agree closely.
export const CREDENTIAL_CLOCK_TOLERANCE_SECONDS = 5;

/** The issuer of credentials a service signs for itself with its own key. */
export function serviceCredentialIssuer(service: string): string {
  return `epr-service:${service}`;
}
