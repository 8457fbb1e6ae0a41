import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sameOriginOnly, siteFileName, StaticSite } from './static-site.js';

describe('a built page served by the gateway', () => {
  let dir: string;
  let server: http.Server;
  let origin: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'epr-site-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><p>page</p>');
    await writeFile(join(dir, 'page.js'), 'console.log("page");');
    await writeFile(join(dir, 'notes.txt'), 'not a page asset');
    const site = await StaticSite.load(dir, sameOriginOnly());
    server = http.createServer((req, res) => {
      const name = siteFileName(new URL(req.url ?? '/', 'http://localhost').pathname, '/page');
      if (name && site.has(name)) void site.send(req, res, name);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  test('serves its files with their type, a same-origin-only policy and an ETag; an unchanged file costs a 304', async () => {
    const first = await fetch(`${origin}/page/page.js`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(first.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await first.text()).toBe('console.log("page");');
    const again = await fetch(`${origin}/page/page.js`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  test('compresses for clients that accept it', async () => {
    const response = await fetch(`${origin}/page/page.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe('console.log("page");');
  });

  test.each(['/page/notes.txt', '/page/../index.html', '/page/%2e%2e%2fetc%2fpasswd', '/page/sub/page.js', '/page/'])(
    'names nothing outside its own files: %s',
    async (path) => {
      expect((await fetch(`${origin}${path}`)).status).toBe(404);
    },
  );

  test('a page that was not built stops the gateway at start-up, saying what to run', async () => {
    await expect(StaticSite.load(join(dir, 'missing'), sameOriginOnly())).rejects.toThrow(/index\.html is missing: run `npm run build`/);
  });

  test('a page may widen one directive without losing the rest', () => {
    expect(sameOriginOnly("style-src 'self' 'unsafe-inline'")).toMatch(
      /^default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; /,
    );
  });
});
