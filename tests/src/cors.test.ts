import { jest } from '@jest/globals';
import { startOwnGateway, type OwnGateway } from './support/own-gateway.js';
import { stackState } from './support/stack-state.js';

import { tokenOf } from './support/people.js';

// These tests start processes of their own (a gateway, Chromium); on a busy shared machine that takes a while.
jest.setTimeout(120_000);

// Browser portals on other origins (GATEWAY_CORS_ORIGINS): preflights are answered before sign-in, listed
// origins get the allow headers, every other origin gets none.
const portal = 'https://portal.example.nhs.uk';
const devPortal = 'http://localhost:5173';
const elsewhere = 'https://evil.example.com';

function accessControlHeaders(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers].filter(([name]) => name.startsWith('access-control-')));
}

function preflight(origin: string, gatewayOrigin: string, requestHeaders = 'authorization, content-type') {
  return fetch(`${gatewayOrigin}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders },
  });
}

async function post(origin: string, gatewayOrigin: string, token?: string) {
  return fetch(`${gatewayOrigin}/graphql`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: '{ me { displayName } }' }),
  });
}

describe('CORS for browser portals (GATEWAY_CORS_ORIGINS)', () => {
  let gateway: OwnGateway;
  beforeAll(async () => {
    gateway = await startOwnGateway({ GATEWAY_CORS_ORIGINS: `${portal}, ${devPortal}/` });
  });
  afterAll(() => gateway?.stop());

  test.each([portal, devPortal])(
    'a preflight from a listed origin (%s) gets 204 and the allow headers, without a token',
    async (origin) => {
      const response = await preflight(origin, gateway.origin);
      expect(response.status).toBe(204);
      expect(accessControlHeaders(response.headers)).toEqual({
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type, accept, x-request-id, idempotency-key',
        'access-control-max-age': '600',
      });
      expect(response.headers.get('vary')).toMatch(/\borigin\b/i);
      expect(await response.text()).toBe('');
    },
  );

  test('a preflight from any other origin gets no access-control headers (and still no sign-in)', async () => {
    const response = await preflight(elsewhere, gateway.origin);
    expect(response.status).toBe(204);
    expect(accessControlHeaders(response.headers)).toEqual({});
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  test('the request itself from a listed origin may be read by the page, request id included', async () => {
    const response = await post(portal, gateway.origin, await tokenOf('olivia'));
    expect(response.status).toBe(200);
    expect(accessControlHeaders(response.headers)).toEqual({
      'access-control-allow-origin': portal,
      'access-control-expose-headers': 'x-request-id, www-authenticate, retry-after',
    });
    expect(response.headers.get('vary')).toMatch(/\borigin\b/i);
    expect(await response.json()).toEqual({ data: { me: { displayName: 'Olivia Bennett' } } });
  });

  test('a refusal (401) reaches a listed portal too, so it can tell its user to sign in again', async () => {
    const response = await post(portal, gateway.origin);
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(portal);
  });

  test('a request from any other origin gets no access-control headers', async () => {
    const response = await post(elsewhere, gateway.origin, await tokenOf('olivia'));
    expect(accessControlHeaders(response.headers)).toEqual({});
  });

  test('the allowed origin is never "*" and never another origin', async () => {
    for (const origin of [portal, devPortal, elsewhere, 'null', `${portal}.evil.example`]) {
      const allowed = (await preflight(origin, gateway.origin)).headers.get('access-control-allow-origin');
      expect(allowed === null || allowed === origin).toBe(true);
      expect(allowed).not.toBe('*');
    }
  });
});

describe('without GATEWAY_CORS_ORIGINS', () => {
  test('no origin is allowed, and a preflight still never meets sign-in', async () => {
    const gatewayOrigin = new URL(stackState().gatewayUrl).origin;
    const response = await preflight(portal, gatewayOrigin);
    expect(response.status).toBe(204);
    expect(accessControlHeaders(response.headers)).toEqual({});
  });
});

describe('a mistaken GATEWAY_CORS_ORIGINS', () => {
  test.each([
    ['*', /"\*" \(any web site\) is not accepted/],
    ['portal.example.nhs.uk', /"portal\.example\.nhs\.uk" is not an origin; give scheme:\/\/host\[:port\]/],
    ['https://portal.example.nhs.uk/app', /is not an origin/],
  ])('%s stops the gateway at start-up with a message saying what to write', async (value, message) => {
    await expect(startOwnGateway({ GATEWAY_CORS_ORIGINS: value })).rejects.toThrow(message);
  });
});
