// The local stand-in for NHS CIS2, and the gateway's local credential keys: what the start script and
// the tests need to run the stack with real, verifiable tokens.
export { DEV_AUDIENCE, DEV_ISSUER, DEV_SESSION_TTL_SECONDS } from './defaults.js';
export { ensureGatewayKeys, type GatewayKeys } from './gateway-keys.js';
export { ensureServiceKeys, type ServiceKeys } from './service-keys.js';
export { ensureDevIssuerKeys } from './issuer-keys.js';
export { defaultKeyDir, devIssuerKeyFiles, gatewayKeyFiles } from './key-dir.js';
export { mintSessionToken, type MintOptions, type SessionTokenRequest } from './mint-session-token.js';
