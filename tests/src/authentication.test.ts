import { join } from 'node:path';
import { generateSigningKeyPair, createCredentialSigner, loadKeyFromFile } from '@epr/identity';
import { SignJWT } from 'jose';
import { subgraphNames } from '@epr/platform';
import { graphql, tokenFor } from './support/gateway-client.js';
import { stackState } from './support/stack-state.js';
import { postToSubgraph, stackSigner, vouchedFor } from './support/subgraph-call.js';
import { DEV_AUDIENCE, DEV_ISSUER } from '@epr/tools/dev-issuer/index';
import { people, tokenOf } from './support/people.js';

const me = '{ me { userId displayName roleProfile { jobRoleCode organisation { odsCode name } } } }';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function expectRefused(
  response: Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }>,
  reason?: string,
) {
  const { status, body } = await response;
  expect(status).toBe(401);
  expect(body.data).toBeUndefined();
  expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  expect(body.errors?.[0]?.message).toMatch(/sign/i);
  if (reason) expect(body.errors?.[0]?.extensions?.['reason']).toBe(reason);
}

describe('signing in', () => {
  test('a valid session works in the role it selected', async () => {
    const { status, body } = await graphql(me, { token: await tokenOf('sessionalGp') });
    expect(status).toBe(200);
    expect(body.data).toEqual({
      me: {
        userId: people.consultant.userId,
        displayName: 'Dr Amelia Hart',
        roleProfile: { jobRoleCode: 'R8000', organisation: { odsCode: 'A81001', name: 'Riverside Medical Practice' } },
      },
    });
  });

  test('no token is refused', async () => {
    await expectRefused(graphql(me), 'missing');
  });

  test('an expired token is refused', async () => {
    await expectRefused(
      graphql(me, { token: await tokenFor(people.consultant.userId, people.consultant.roleProfileId, { expired: true }) }),
      'expired',
    );
  });

  test('a token signed with another key is refused', async () => {
    const other = await generateSigningKeyPair();
    const { importJWK } = await import('jose');
    const forged = await new SignJWT({ selected_roleid: people.consultant.roleProfileId })
      .setProtectedHeader({ alg: 'EdDSA', kid: other.kid })
      .setSubject(people.consultant.userId)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(await importJWK(other.privateJwk, 'EdDSA'));
    await expectRefused(graphql(me, { token: forged }), 'bad_signature');
  });

  test('an unsigned token (alg none) is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
      sub: 'dr.amelia.hart',
      selected_roleid: 'rp-hart-rx1',
      iss: DEV_ISSUER,
      aud: DEV_AUDIENCE,
      iat: now,
      exp: now + 3600,
    })}.`;
    await expectRefused(graphql(me, { authorization: `Bearer ${unsigned}` }));
  });

  test('a role the user does not hold is refused', async () => {
    // A real, active role profile — but another user's.
    await expectRefused(
      graphql(me, { token: await tokenFor(people.consultant.userId, people.privacyOfficer.roleProfileId) }),
      'role_not_held',
    );
    await expectRefused(graphql(me, { token: await tokenFor(people.consultant.userId, 'no-such-role') }), 'role_not_held');
  });
});

describe('subgraphs trust only the gateway', () => {
  const query = '{ patient(id: "5e1f0c3a-0000-4000-8000-000000000001") { nhsNumber } }';

  test.each(subgraphNames)('%s refuses a request without the gateway credential', async (subgraph) => {
    const { status, body } = await graphql(query, { url: stackState().subgraphUrls[subgraph] });
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  test('a user session token sent straight to a subgraph is refused', async () => {
    const token = await tokenOf('consultant');
    const { status } = await graphql(query, { token, url: stackState().subgraphUrls.patient });
    expect(status).toBe(401);
  });

  const hart = { ...vouchedFor.consultant, requestId: 'captured' };
  const body = JSON.stringify({ query, variables: {} });

  async function expectSubgraphRefused(
    response: Promise<{ status: number; body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } }>,
    reason: string,
  ) {
    const { status, body: answer } = await response;
    expect(status).toBe(401);
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
  }

  test('a credential signed with any key but the gateway’s is refused', async () => {
    const impostor = await createCredentialSigner({ privateKey: (await generateSigningKeyPair()).privateJwk });
    await expectSubgraphRefused(
      postToSubgraph('patient', body, `Bearer ${impostor.sign(hart, { audience: 'patient', body })}`),
      'bad_signature',
    );
  });

  test('a gateway credential is good for one call: the subgraph and body it was signed for, once', async () => {
    const credential = `Bearer ${(await stackSigner()).sign(hart, { audience: 'patient', body })}`;
    const first = await postToSubgraph<{ patient: { nhsNumber: string } }>('patient', body, credential);
    expect(first.status).toBe(200);
    expect(first.body.data?.patient?.nhsNumber).toBe('9990000018');

    await expectSubgraphRefused(postToSubgraph('patient', body, credential), 'replayed');
  });

  test('a credential captured on its way to care-pathway is refused by patient', async () => {
    const forCarePathway = (await stackSigner()).sign(hart, { audience: 'care-pathway', body });
    await expectSubgraphRefused(postToSubgraph('patient', body, `Bearer ${forCarePathway}`), 'wrong_audience');
  });

  test('a captured credential replayed with another body (another patient, another operation) is refused', async () => {
    const credential = `Bearer ${(await stackSigner()).sign(hart, { audience: 'patient', body })}`;
    const otherPatient = JSON.stringify({ query: query.replace('000000000001', '000000000002'), variables: {} });
    const sameQueryOtherSpacing = JSON.stringify({ query, variables: {} }, null, 1);
    await expectSubgraphRefused(postToSubgraph('patient', otherPatient, credential), 'body_mismatch');
    await expectSubgraphRefused(postToSubgraph('patient', sameQueryOtherSpacing, credential), 'body_mismatch');
    // Refused presentations did not use it up: it still works once with its own body.
    expect((await postToSubgraph('patient', body, credential)).status).toBe(200);
  });

  test("the gateway's own directory credential cannot be turned into a read of patient data", async () => {
    const system = { ...vouchedFor.gateway, requestId: 'directory-look-up' };
    const lookup = JSON.stringify({
      query:
        'query ($userId: ID!, $roleProfileId: ID!) { _sessionRoleProfile(userId: $userId, roleProfileId: $roleProfileId) { jobRoleCode } }',
      variables: { userId: people.consultant.userId, roleProfileId: people.consultant.roleProfileId },
    });
    const credential = `Bearer ${(await stackSigner()).sign(system, { audience: 'patient', body: lookup })}`;
    await expectSubgraphRefused(postToSubgraph('patient', body, credential), 'body_mismatch');
  });

  test("a service's credential for care-pathway is refused by patient", async () => {
    const scheduling = { ...vouchedFor.scheduling, requestId: 'outcome-delivery' };
    const credential = (await stackSigner('scheduling')).sign(scheduling, { audience: 'care-pathway', body });
    await expectSubgraphRefused(postToSubgraph('patient', body, `Bearer ${credential}`), 'wrong_audience');
  });

  test('a credential without a request binding, though signed with the gateway key, is refused', async () => {
    const { keyDir } = stackState();
    const { importJWK } = await import('jose');
    const gatewayKey = await loadKeyFromFile(join(keyDir, 'gateway.private.jwk.json'), 'private');
    const unbound = await new SignJWT({
      kind: 'user',
      role_profile_id: people.consultant.roleProfileId,
      job_role_code: 'R8000',
      organisation_ods: 'RX1',
      request_id: 'old-style',
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'epr-credential+jwt' })
      .setIssuer('epr-gateway')
      .setAudience('patient')
      .setSubject(people.consultant.userId)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(await importJWK(gatewayKey, 'EdDSA'));
    await expectSubgraphRefused(postToSubgraph('patient', body, `Bearer ${unbound}`), 'missing_claim');
  });
});
