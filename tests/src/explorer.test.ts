import { jest } from '@jest/globals';
import { startOwnGateway, type OwnGateway } from './support/own-gateway.js';
import { graphql } from './support/gateway-client.js';
import { tokenOf } from './support/people.js';

// These tests start processes of their own (a gateway, Chromium); on a busy shared machine that takes a while.
jest.setTimeout(120_000);

// The explorer switch (GATEWAY_EXPLORER, NODE_ENV) opens the explorer page and schema introspection together,
// and introspection only ever for a signed-in session.
const introspection = '{ __schema { queryType { name } types { name } } }';

/** A gateway of this block's own with these settings, and a clinician's token for it. */
function ownGatewayWith(settings: Record<string, string | undefined>) {
  const running = {} as { gateway: OwnGateway; token: string };
  beforeAll(async () => {
    running.gateway = await startOwnGateway(settings);
    running.token = await tokenOf('consultant');
  });
  afterAll(() => running.gateway?.stop());
  return running;
}

async function explorerPage(gateway: OwnGateway) {
  return fetch(`${gateway.origin}/explorer`);
}

async function introspect(gateway: OwnGateway, query = introspection, token?: string) {
  return graphql(query, { url: `${gateway.origin}/graphql`, ...(token === undefined ? {} : { token }) });
}

describe.each([
  ['NODE_ENV=development', { NODE_ENV: 'development', GATEWAY_EXPLORER: undefined }],
  ['NODE_ENV=production with GATEWAY_EXPLORER=1', { NODE_ENV: 'production', GATEWAY_EXPLORER: '1' }],
])('explorer on: %s', (_name, settings) => {
  const running = ownGatewayWith(settings);

  test('GET /explorer serves GraphiQL from the gateway itself, allowed to reach nothing else', async () => {
    const page = await explorerPage(running.gateway);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'.*connect-src 'self'/);
    const html = await page.text();
    expect(html).toContain('<div id="explorer">');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const script = await fetch(`${running.gateway.origin}/explorer/main.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('session-token');
  });

  test('/ and /explorer/ lead to the explorer', async () => {
    for (const path of ['/', '/explorer/']) {
      const response = await fetch(`${running.gateway.origin}${path}`, { redirect: 'manual' });
      expect([path, response.status, response.headers.get('location')]).toEqual([path, 308, '/explorer']);
    }
  });

  test('a signed-in session may introspect the schema', async () => {
    const { status, body } = await introspect(running.gateway, introspection, running.token);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const schema = (body.data as { __schema: { queryType: { name: string }; types: { name: string }[] } }).__schema;
    expect(schema.queryType.name).toBe('Query');
    // The API schema: nothing of federation, nothing @inaccessible.
    const names = schema.types.map((type) => type.name);
    expect(names).toContain('Patient');
    expect(names.filter((name) => /^(join__|link__|_Service|_Entity)/.test(name))).toEqual([]);
  });

  test('without a session, introspection is refused like anything else (401)', async () => {
    const { status, body } = await introspect(running.gateway);
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
  });
});

describe.each([
  ['NODE_ENV=production', { NODE_ENV: 'production', GATEWAY_EXPLORER: undefined }],
  ['GATEWAY_EXPLORER=0', { NODE_ENV: 'development', GATEWAY_EXPLORER: '0' }],
])('explorer off: %s', (_name, settings) => {
  const running = ownGatewayWith(settings);

  test('/explorer and its assets are not served, with a 404 that says why', async () => {
    for (const path of ['/explorer', '/explorer/main.js']) {
      const response = await fetch(`${running.gateway.origin}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
      expect(await response.json()).toEqual({
        errors: [{ message: expect.stringMatching(/explorer is switched off.*schema\/api\.graphql/), extensions: { code: 'NOT_FOUND' } }],
      });
    }
  });

  test.each([
    ['__schema', introspection],
    ['__type', '{ __type(name: "Patient") { fields { name } } }'],
    ['__schema beside a real field', '{ me { displayName } __schema { types { name } } }'],
  ])('introspection (%s) is refused for a signed-in session too, saying where the schema is published', async (_kind, query) => {
    const { status, body } = await introspect(running.gateway, query, running.token);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Schema introspection is switched off on this gateway\. .*schema\/api\.graphql/),
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
  });

  test('errors do not reveal the schema by suggesting field names', async () => {
    const { body } = await introspect(running.gateway, '{ patien(id: "x") { id } me { displayNam } }', running.token);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(body.errors)).not.toMatch(/Did you mean|displayName|"patient"/);
  });

  test('the API still answers', async () => {
    const { status, body } = await introspect(running.gateway, '{ me { displayName } }', running.token);
    expect({ status, body }).toEqual({ status: 200, body: { data: { me: { displayName: 'Dr Amelia Hart' } } } });
  });
});

describe('a mistaken GATEWAY_EXPLORER', () => {
  test('stops the gateway at start-up, saying which values it takes', async () => {
    await expect(startOwnGateway({ GATEWAY_EXPLORER: 'yes' })).rejects.toThrow(/GATEWAY_EXPLORER must be 1 .* or 0 .*; it is "yes"/);
  });
});
