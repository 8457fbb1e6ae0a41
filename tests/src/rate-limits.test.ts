import type { RunningGateway } from '@epr/gateway/gateway-server';
import type { RateLimits } from '@epr/gateway/rate-limits/rate-limits';
import { mintSessionToken } from '@epr/tools/dev-issuer/index';
import { metrics } from '@epr/platform';
import { graphql, type GraphQLResponse } from './support/gateway-client.js';
import { startExtraGateway } from './support/extra-gateway.js';
import { stackState } from './support/stack-state.js';
import { demoPatients, people, tokenOf } from './support/people.js';

// Each test gets a gateway of its own (fresh buckets), with small allowances so that a few requests use one up.
// The first requests through a new gateway plan their operations and warm the subgraphs: allow them time.
const slow = 30_000;
const oliviaBennett = demoPatients.olivia.id;
const summary = `query ($id: ID!) { patient(id: $id) {
  id nhsNumber name { given family } birthDate sex
  referrals { id specialty priority receivedOn receivingOrganisation }
  appointments { id clinicName organisation startsAt status }
  accessLog(first: 20) { edges { node { occurredAt role organisation { name } what reason outcome } } } } }`;
// The summary's estimated cost is 291: a portal session of 600 affords two at once.
const small: RateLimits = {
  roles: { default: { burst: 20_000, perSecond: 2_000 }, PATIENT: { burst: 600, perSecond: 0.5 } },
  sessionsPerUser: 2,
  signInFailures: { burst: 5, perSecond: 1 },
};

let gateway: RunningGateway;
afterEach(async () => {
  await gateway?.close();
});

const portalToken = () => tokenOf('olivia');
const ask = (token: string, query = summary) =>
  graphql(query, { token, url: gateway.url, variables: query === summary ? { id: oliviaBennett } : {} });

/** Refusals the gateways in this process have counted for /metrics (epr_gateway_rate_limit_refusals_total), all stages. */
async function refusalsCounted(): Promise<number> {
  const text = await metrics.render();
  return [...text.matchAll(/^epr_gateway_rate_limit_refusals_total\{stage="\w+"\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

function expectRateLimited(response: GraphQLResponse) {
  expect(response.status).toBe(429);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(response.body.errors?.[0]?.extensions?.['retryAfter']).toBe(retryAfter);
  return retryAfter;
}

describe('rate limits per session and per user', () => {
  test(
    'a portal session flooding costly queries gets 429 with Retry-After once its share is spent',
    async () => {
      gateway = await startExtraGateway({ rateLimits: small });
      const token = await portalToken();
      const refusalsBefore = await refusalsCounted();
      for (let i = 0; i < 2; i++) expect((await ask(token)).status).toBe(200);
      expectRateLimited(await ask(token));
      // Operators see it: the gateway (in this process) counts every refusal in its /metrics.
      expect(await refusalsCounted()).toBe(refusalsBefore + 1);
    },
    slow,
  );

  test(
    'cost is charged, not requests: many cheap operations fit where two costly ones do',
    async () => {
      gateway = await startExtraGateway({ rateLimits: small });
      const token = await portalToken();
      for (let i = 0; i < 100; i++) expect((await ask(token, '{ me { displayName } }')).status).toBe(200);
    },
    slow,
  );

  test(
    'concurrent requests cannot overdraw the session: exactly what the bucket holds gets through',
    async () => {
      gateway = await startExtraGateway({ rateLimits: small });
      const token = await portalToken();
      const answers = await Promise.all(Array.from({ length: 12 }, () => ask(token)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
      for (const refused of answers.filter((a) => a.status !== 200)) expectRateLimited(refused);
    },
    slow,
  );

  test(
    'once spent, even a request that does not parse is refused before it is read; after Retry-After it is served',
    async () => {
      gateway = await startExtraGateway({ rateLimits: small });
      const token = await portalToken();
      // `{ __typename }` costs the least any request is charged: spent with it, nothing is left for any request.
      while ((await ask(token, '{ __typename }')).status === 200);
      const retryAfter = expectRateLimited(await ask(token, '{ this is not GraphQL'));
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      expect((await ask(token, '{ __typename }')).status).toBe(200);
    },
    slow,
  );

  test(
    'more sessions do not multiply a user’s share: a third session of a spent user is refused at once',
    async () => {
      gateway = await startExtraGateway({ rateLimits: small });
      const [first, second, third] = await Promise.all([portalToken(), portalToken(), portalToken()]);
      for (const token of [first, second]) for (let i = 0; i < 2; i++) expect((await ask(token)).status).toBe(200);
      expectRateLimited(await ask(third));
    },
    slow,
  );

  test(
    'one user spending their share leaves everybody else served',
    async () => {
      gateway = await startExtraGateway({ rateLimits: small });
      const token = await portalToken();
      while ((await ask(token)).status === 200);
      const clinician = await tokenOf('consultant');
      const { status, body } = await ask(clinician, '{ me { displayName } }');
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    },
    slow,
  );

  test(
    'the default allowances limit a portal account too',
    async () => {
      gateway = await startExtraGateway();
      const token = await portalToken();
      // A portal session holds 10,000 at once: about 34 summaries of 291.
      const answers = await Promise.all(Array.from({ length: 60 }, () => ask(token)));
      const served = answers.filter((a) => a.status === 200).length;
      expect(served).toBeGreaterThanOrEqual(30);
      expect(served).toBeLessThan(60);
      for (const refused of answers.filter((a) => a.status !== 200)) expectRateLimited(refused);
    },
    slow,
  );
});

describe('failed sign-ins per client address', () => {
  test(
    'an address that keeps failing to sign in is refused before its tokens are checked',
    async () => {
      gateway = await startExtraGateway({ rateLimits: small });
      const { token: expired } = await mintSessionToken(
        { userId: people.olivia.userId, roleProfileId: people.olivia.roleProfileId, expired: true },
        { keyDir: stackState().keyDir },
      );
      for (let i = 0; i < 5; i++) expect((await ask(expired, '{ me { displayName } }')).status).toBe(401);
      // Now even a valid token from this address waits: telling them apart would mean checking every token.
      const retryAfter = expectRateLimited(await ask(await portalToken(), '{ me { displayName } }'));
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      expect((await ask(await portalToken(), '{ me { displayName } }')).status).toBe(200);
    },
    slow,
  );

  test(
    'a request without any token counts as a failed sign-in',
    async () => {
      gateway = await startExtraGateway({ rateLimits: small });
      const anonymous = () =>
        fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { userId } }"}' });
      for (let i = 0; i < 5; i++) expect((await anonymous()).status).toBe(401);
      expect((await anonymous()).status).toBe(429);
    },
    slow,
  );
});
