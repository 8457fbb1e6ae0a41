import { importJWK, SignJWT } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevIssuerKeys, mintSessionToken } from '@epr/tools/dev-issuer/index';
import { DIRECTORY_ANSWER_TTL_MS } from '@epr/gateway/role-profile-directory';
import { graphql, tokenFor } from './support/gateway-client.js';
import { stackState } from './support/stack-state.js';
import { anotherRoleFor, people, type Staff, staffAt, tokenOf } from './support/people.js';

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
    sub: people.consultant.userId,
    selected_roleid: people.consultant.roleProfileId,
    sid: `session-${now}-${Math.random()}`,
    iat: now,
    exp: now + 8 * hours,
    ...claims,
  };
  for (const [claim, value] of Object.entries(payload)) if (value === undefined) delete payload[claim];
  return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.kid }).sign(await importJWK(key.privateJwk, 'EdDSA'));
}

async function refusal(token: string): Promise<{ status: number; reason: unknown; message: unknown }> {
  const { status, body } = await graphql(me, { token });
  expect(body.data).toBeUndefined();
  expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  return { status, reason: body.errors?.[0]?.extensions?.['reason'], message: body.errors?.[0]?.message };
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
    expect(
      await refusal(await tokenFor(people.consultant.userId, people.consultant.roleProfileId, { issuedAgoSeconds: 13 * hours })),
    ).toMatchObject({
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

/*
 * Revocation. Each test works on staff of its own (made for it), so ending their sessions and roles cannot
 * disturb any other test. After a revocation a test waits exactly the stated bound (DIRECTORY_ANSWER_TTL_MS, the
 * longest the gateway reuses a directory answer) and then expects the refusal; nothing asserts on timings.
 */
const waitForTheBound = () => new Promise((resolve) => setTimeout(resolve, DIRECTORY_ANSWER_TTL_MS));
/** A session of its own for `staff`, as the dev issuer signs one, with its session id. */
async function signedIn(staff: Staff): Promise<{ token: string; sessionId: string }> {
  const { token, claims } = await mintSessionToken(staff, { keyDir: stackState().keyDir });
  return { token, sessionId: claims.sid };
}

async function meAs(token: string): Promise<{ status: number; reason?: unknown }> {
  const { status, body } = await graphql(me, { token });
  return { status, ...(status === 401 ? { reason: body.errors?.[0]?.extensions?.['reason'] } : {}) };
}

const registrationAuthority = () => tokenOf('registrationAuthority');
const revokeSession = `mutation ($userId: ID!, $sessionId: ID!, $reason: String!) {
  revokeSession(userId: $userId, sessionId: $sessionId, reason: $reason) { userId sessionId revokedBy revokedAt }
}`;
const endRoleProfile = `mutation ($id: ID!, $reason: String!) { endRoleProfile(roleProfileId: $id, reason: $reason) { id active } }`;

describe('signing out', () => {
  test('ends this session: its token, though unexpired, is refused as session_revoked; a new sign-in works', async () => {
    const nurse = await staffAt('RX1', 'R8001');
    const { userId } = nurse;
    const session = await signedIn(nurse);
    expect(await meAs(session.token)).toEqual({ status: 200 });

    const { body } = await graphql<{ signOut: Record<string, unknown> }>('mutation { signOut { userId sessionId revokedBy revokedAt } }', {
      token: session.token,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.signOut).toEqual({ userId, sessionId: session.sessionId, revokedBy: userId, revokedAt: expect.any(String) });
    await waitForTheBound();

    expect(await meAs(session.token)).toEqual({ status: 401, reason: 'session_revoked' });
    expect(await meAs((await signedIn(nurse)).token)).toEqual({ status: 200 });
  });
});

describe('a directory manager', () => {
  test("revokes one of a user's sessions (a lost smartcard): that session is refused, the user's others are not", async () => {
    const nurse = await staffAt('RX1', 'R8001');
    const { userId } = nurse;
    const lost = await signedIn(nurse);
    const other = await signedIn(nurse);
    expect(await meAs(lost.token)).toEqual({ status: 200 });

    const { body } = await graphql(revokeSession, {
      token: await registrationAuthority(),
      variables: { userId, sessionId: lost.sessionId, reason: 'Smartcard reported lost on ward 7' },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!['revokeSession']).toMatchObject({
      userId,
      sessionId: lost.sessionId,
      revokedBy: people.registrationAuthority.userId,
    });
    await waitForTheBound();

    expect(await meAs(lost.token)).toEqual({ status: 401, reason: 'session_revoked' });
    expect(await meAs(other.token)).toEqual({ status: 200 });
  });

  test('ends a role profile: sessions in it are refused as role_not_held, the same user in another role is not', async () => {
    const nurseRole = await staffAt('RX1', 'R8001');
    const gpRole = await anotherRoleFor(nurseRole, 'A81001', 'R8000');
    const nurse = await signedIn(nurseRole);
    const gp = await signedIn(gpRole);
    expect(await meAs(nurse.token)).toEqual({ status: 200 });

    const { body } = await graphql(endRoleProfile, {
      token: await registrationAuthority(),
      variables: { id: nurseRole.roleProfileId, reason: 'Left the trust on 30 November' },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!['endRoleProfile']).toEqual({ id: nurseRole.roleProfileId, active: false });
    await waitForTheBound();

    expect(await meAs(nurse.token)).toEqual({ status: 401, reason: 'role_not_held' });
    expect(await meAs((await signedIn(nurseRole)).token)).toEqual({ status: 401, reason: 'role_not_held' });
    expect(await meAs(gp.token)).toEqual({ status: 200 });
  });

  test("manages only their own organisation's people: elsewhere is not found, and nothing changes", async () => {
    const elsewhere = await staffAt('A81001', 'R8000');
    const { userId } = elsewhere;
    const gp = await signedIn(elsewhere);
    const ra = await registrationAuthority();

    const revoke = await graphql(revokeSession, {
      token: ra,
      variables: { userId, sessionId: gp.sessionId, reason: 'Not my organisation' },
    });
    expect(revoke.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    const end = await graphql(endRoleProfile, { token: ra, variables: { id: elsewhere.roleProfileId, reason: 'Not my organisation' } });
    expect(end.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'roleProfileId' });
    await waitForTheBound();

    expect(await meAs(gp.token)).toEqual({ status: 200 });
  });

  test('must give a reason, by the same rule as other justifications, and a session id that can be one', async () => {
    const nurse = await staffAt('RX1', 'R8001');
    const { userId } = nurse;
    const session = await signedIn(nurse);
    const token = await registrationAuthority();
    const noReason = await graphql(revokeSession, { token, variables: { userId, sessionId: session.sessionId, reason: 'lost' } });
    expect(noReason.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const tooLong = await graphql(revokeSession, {
      token,
      variables: { userId, sessionId: 's'.repeat(65), reason: 'Smartcard reported lost' },
    });
    expect(tooLong.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sessionId' });
    const endWithoutReason = await graphql(endRoleProfile, { token, variables: { id: nurse.roleProfileId, reason: '  ' } });
    expect(endWithoutReason.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    await waitForTheBound();

    expect(await meAs(session.token)).toEqual({ status: 200 });
  });
});

describe('nobody else', () => {
  test.each([
    ['a nurse', people.nurse.userId, people.nurse.roleProfileId],
    ['a privacy officer', people.privacyOfficer.userId, people.privacyOfficer.roleProfileId],
    ['a patient', people.olivia.userId, people.olivia.roleProfileId],
  ])("%s may not revoke others' sessions or end role profiles", async (_label, user, role) => {
    const nurse = await staffAt('RX1', 'R8001');
    const victim = nurse.userId;
    const session = await signedIn(nurse);
    const token = await tokenFor(user, role);

    const revoke = await graphql(revokeSession, {
      token,
      variables: { userId: victim, sessionId: session.sessionId, reason: 'Because I can do it' },
    });
    expect(revoke.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const end = await graphql(endRoleProfile, { token, variables: { id: nurse.roleProfileId, reason: 'Because I can do it' } });
    expect(end.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    await waitForTheBound();

    expect(await meAs(session.token)).toEqual({ status: 200 });
  });
});

describe('the security log', () => {
  test('records sign-outs, revocations and ended role profiles, with who did it and why', async () => {
    const nurse = await staffAt('RX1', 'R8001');
    const { userId } = nurse;
    const session = await signedIn(nurse);
    await graphql('mutation { signOut { sessionId } }', { token: session.token });
    const ra = await registrationAuthority();
    await graphql(revokeSession, { token: ra, variables: { userId, sessionId: 'another-session', reason: 'Smartcard reported lost' } });
    await graphql(endRoleProfile, { token: ra, variables: { id: nurse.roleProfileId, reason: 'Left the trust on 30 November' } });

    const { body } = await graphql<{
      accessEvents: { edges: { node: { userId: string; action: string; items: string[]; basis: unknown } }[] };
    }>(
      `
        {
          accessEvents(filter: { outcome: ALLOWED }, first: 50) {
            edges {
              node {
                userId
                action
                items
                basis {
                  kind
                  detail
                }
              }
            }
          }
        }
      `,
      { token: await tokenOf('privacyOfficer') },
    );
    const events = body.data!.accessEvents.edges.map((edge) => edge.node);
    expect(events).toEqual(
      expect.arrayContaining([
        { userId, action: 'session.sign_out', items: [`Session:${session.sessionId}`], basis: { kind: 'SELF', detail: null } },
        {
          userId: people.registrationAuthority.userId,
          action: 'session.revoke',
          items: ['Session:another-session'],
          basis: { kind: 'ROLE', detail: 'Smartcard reported lost' },
        },
        {
          userId: people.registrationAuthority.userId,
          action: 'role_profile.end',
          items: [`RoleProfile:${nurse.roleProfileId}`],
          basis: { kind: 'ROLE', detail: 'Left the trust on 30 November' },
        },
      ]),
    );
  });
});
