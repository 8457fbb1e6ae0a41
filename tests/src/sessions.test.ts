import { importJWK, SignJWT, type JWTPayload } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevIssuerKeys } from '@epr/tools/dev-issuer/index';
import { graphql, tokenFor } from './support/gateway-client.js';
import { stackState } from './support/stack-state.js';

/*
 * Sessions end: at the policy's maximum session age (baseline 12 hours from sign-in, whatever the token's expiry
 * says), and whenever they are revoked. Tokens here are signed with the dev issuer's real key, so only the claim
 * under test is wrong.
 */
const me = '{ me { userId } }';
const hours = 3600;

/** A session token signed by the trusted issuer with exactly these claims (undefined leaves one out). */
async function issued(claims: Record<string, unknown>): Promise<string> {
  const key = await ensureDevIssuerKeys(stackState().keyDir);
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    iss: DEV_ISSUER,
    aud: DEV_AUDIENCE,
    sub: 'dr.amelia.hart',
    selected_roleid: 'rp-hart-rx1',
    sid: `session-${now}-${Math.random()}`,
    iat: now,
    exp: now + 8 * hours,
    ...claims,
  };
  for (const [claim, value] of Object.entries(payload)) if (value === undefined) delete payload[claim];
  return new SignJWT(payload as JWTPayload)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.kid })
    .sign(await importJWK(key.privateJwk, 'EdDSA'));
}

async function refusal(token: string): Promise<{ status: number; reason: unknown; message: unknown }> {
  const { status, body } = await graphql(me, { token });
  expect(body.data).toBeUndefined();
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  return { status, reason: body.errors?.[0]?.extensions?.reason, message: body.errors?.[0]?.message };
}

describe('maximum session age', () => {
  const now = () => Math.floor(Date.now() / 1000);

  test('a session within the maximum age works', async () => {
    const { status } = await graphql(me, { token: await issued({ iat: now() - 11 * hours, exp: now() + 30 * 60 }) });
    expect(status).toBe(200);
  });

  test('a token without iat is refused as iat_missing', async () => {
    expect(await refusal(await issued({ iat: undefined }))).toEqual({
      status: 401,
      reason: 'iat_missing',
      message: expect.stringMatching(/sign in again/i),
    });
  });

  test('a session signed in 13 hours ago is refused as too old, though its token has not expired', async () => {
    expect(await refusal(await tokenFor('dr.amelia.hart', 'rp-hart-rx1', { issuedAgoSeconds: 13 * hours }))).toMatchObject({
      status: 401,
      reason: 'session_too_old',
    });
  });

  test('a fresh token meant to last ten years is refused as too old', async () => {
    expect(await refusal(await issued({ exp: now() + 10 * 365 * 24 * hours }))).toMatchObject({ status: 401, reason: 'session_too_old' });
  });

  test('a token issued in the future (beyond the clock tolerance) is refused', async () => {
    expect(await refusal(await issued({ iat: now() + 10 * 60 }))).toMatchObject({ status: 401, reason: 'session_too_old' });
  });

  test('a token without a session id, which could never be revoked, is refused', async () => {
    expect(await refusal(await issued({ sid: undefined }))).toMatchObject({ status: 401, reason: 'missing_claim' });
  });
});
