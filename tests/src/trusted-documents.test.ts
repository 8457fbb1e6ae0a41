import type { RunningGateway } from '@epr/gateway/gateway-server';
import { sha256, TrustedDocuments } from '@epr/gateway/documents/trusted-documents';
import { type GraphQLResponse } from './support/gateway-client.js';
import { startExtraGateway } from './support/extra-gateway.js';
import { demoPatients, tokenOf } from './support/people.js';

const oliviaBennett = demoPatients.olivia.id;
const summary = 'query PortalSummary($id: ID!) { patient(id: $id) { name { given family } referrals { specialty } } }';
const whoAmI = 'query WhoAmI { me { displayName } }';
const manifest = {
  format: 'apollo-persisted-query-manifest',
  version: 1,
  operations: [summary, whoAmI].map((body) => ({ id: sha256(body), name: body.split(/[ ($]/)[1], type: 'query', body })),
};
const trusted = TrustedDocuments.fromManifest(manifest, 'test manifest');
const slow = 30_000;

let gateway: RunningGateway;
let token: string;
beforeAll(async () => {
  token = await tokenOf('olivia');
});

async function post(body: unknown, method = 'POST'): Promise<GraphQLResponse> {
  const url = method === 'GET' ? `${gateway.url}?query=${encodeURIComponent(whoAmI)}` : gateway.url;
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse['body'], headers: response.headers };
}

const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

describe('trusted documents required (production, first-party clients)', () => {
  beforeAll(async () => {
    gateway = await startExtraGateway({ documents: { trusted, requireTrusted: true } });
  }, slow);
  afterAll(() => gateway.close());

  test.each([
    ['by documentId', { documentId: `sha256:${sha256(summary)}`, variables: { id: oliviaBennett } }],
    ['by an Apollo persisted-query hash', { extensions: persisted(summary), variables: { id: oliviaBennett } }],
    ['by its exact text', { query: summary, variables: { id: oliviaBennett } }],
  ])(
    'a trusted document runs %s',
    async (_how, body) => {
      const { status, body: answer } = await post(body);
      expect(status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect((answer.data as { patient: { name: { family: string } } }).patient.name.family).toBe('Bennett');
    },
    slow,
  );

  test('any other document is refused with PERSISTED_QUERY_ID_REQUIRED', async () => {
    const { status, body } = await post({ query: '{ me { displayName userId } }' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_ID_REQUIRED');
  });

  test('an id not in the list is refused with PERSISTED_QUERY_NOT_IN_LIST', async () => {
    const { status, body } = await post({ documentId: `sha256:${sha256('{ me { userId } }')}` });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  test('a client cannot register its own document as a persisted query and then run it by hash', async () => {
    const own = '{ me { userId } }';
    expect((await post({ query: own, extensions: persisted(own) })).body.errors?.[0]?.extensions?.['code']).toBe(
      'PERSISTED_QUERY_ID_REQUIRED',
    );
    expect((await post({ extensions: persisted(own) })).body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  test('a trusted id with some other text beside it does not smuggle the text in', async () => {
    const { status, body } = await post({ documentId: sha256(whoAmI), query: '{ me { userId roleProfile { id } } }' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_ID_REQUIRED');
  });

  test('a GET request is refused: trusted documents are sent by POST', async () => {
    const { status, body } = await post(undefined, 'GET');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_ID_REQUIRED');
  });
});

describe('arbitrary documents allowed (partner development)', () => {
  afterEach(() => gateway.close());

  test(
    'any document runs, and trusted ids still resolve',
    async () => {
      gateway = await startExtraGateway({ documents: { trusted, requireTrusted: false } });
      expect((await post({ query: '{ me { userId } }' })).status).toBe(200);
      const byId = await post({ documentId: sha256(whoAmI) });
      expect(byId.status).toBe(200);
      expect(byId.body.data).toEqual({ me: { displayName: 'Olivia Bennett' } });
    },
    slow,
  );

  test(
    'automatic persisted queries are kept in a bounded cache: the oldest are forgotten',
    async () => {
      gateway = await startExtraGateway({ rateLimits: 'off', tuning: { persistedQueryCacheMiB: 1 } });
      // Each query carries 10,000 characters of comment (no tokens, 20 KB of cache): 1 MiB holds about fifty.
      const queries = Array.from({ length: 80 }, (_, i) => `# ${'x'.repeat(10_000)}\n{ me { displayName } n${i}: __typename }`);
      for (const query of queries) expect((await post({ query, extensions: persisted(query) })).status).toBe(200);
      const first = await post({ extensions: persisted(queries[0]!) });
      expect(first.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
      const last = await post({ extensions: persisted(queries.at(-1)!) });
      expect(last.body.errors).toBeUndefined();
    },
    slow,
  );
});
