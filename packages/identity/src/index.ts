// Session tokens: who signed in (CIS2-style), verified at the gateway.
export { parseBearer } from './bearer.js';
export type { JwksSource } from './jwks-source.js';
export type { SessionClaims, SessionTokenPayload } from './session-claims.js';
export { SessionTokenError, type SessionTokenFailure } from './session-token-error.js';
export {
  createSessionTokenSigner,
  type SessionTokenSigner,
  type SessionTokenSignerOptions,
  type SignedSessionToken,
} from './session-token-signer.js';
export { createSessionVerifier, type SessionVerifier, type SessionVerifierOptions } from './session-verifier.js';

// Gateway credentials: the identity the gateway vouches for to subgraphs.
export type { Caller, CallerKind } from './caller.js';
export { gatewaySystemCaller } from './caller.js';
export { CredentialError, type CredentialFailure } from './credential-error.js';
export { bodyDigest, type CredentialBinding } from './credential-binding.js';
export { CREDENTIAL_ISSUER, serviceCredentialIssuer } from './credential-profile.js';
export { createCredentialTrust, type CredentialTrustOptions } from './credential-trust.js';
export { createCredentialSigner, type CredentialSigner, type CredentialSignerOptions } from './credential-signer.js';
export { createCredentialVerifier, type CredentialVerifier, type CredentialVerifierOptions } from './credential-verifier.js';
export type { TokenFailure } from './token-failure.js';

// Keys.
export type { KeyVisibility } from './ed25519-jwk.js';
export { loadOrCreateKeyPair } from './key-file.js';
export { loadKeyFromEnv, loadKeyFromFile } from './key-loaders.js';
export { SigningKeyError } from './signing-key-error.js';
export { generateSigningKeyPair, publicJwks, type SigningKeyPair } from './signing-keys.js';
export { AuditKeyError, loadAuditKey, parseAuditKey } from './audit-key.js';
export { ExpiringCache } from './expiring-cache.js';
