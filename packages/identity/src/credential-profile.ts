// The parameters the gateway signs credentials with and subgraphs insist on.
import { ED25519_ALGORITHM } from './ed25519-jwk.js';

export const CREDENTIAL_ISSUER = 'epr-gateway';

// Each credential is signed for one subgraph call just before it is sent, so it need only outlive the wait for a
// connection and the trip; a leaked one is useless soon after, and a subgraph remembers each one it accepted
// (to refuse a replay) only this long.
export const CREDENTIAL_TTL_SECONDS = 30;

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
