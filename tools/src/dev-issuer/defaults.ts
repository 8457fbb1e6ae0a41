/** What the local stand-in for NHS CIS2 puts in its tokens; the gateway trusts exactly these in development. */
export const DEV_ISSUER = 'https://dev-issuer.epr.local';
export const DEV_AUDIENCE = 'epr-gateway';

/** A clinical shift: a developer signs in once and works all day, as a clinician would. */
export const DEV_SESSION_TTL_SECONDS = 8 * 60 * 60;
