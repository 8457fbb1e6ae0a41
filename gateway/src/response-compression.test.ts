import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { preferredEncoding, responseWriter } from './response-compression.js';

describe('the encoding a portal gets its answer in', () => {
  test('brotli when the client accepts it, as browsers do', () => {
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
  });

  test('gzip when that is all the client accepts', () => {
    expect(preferredEncoding('gzip;q=1.0, identity; q=0.5')).toBe('gzip');
  });

  test('nothing when the client accepts neither, or refuses them with q=0', () => {
    expect(preferredEncoding('')).toBeUndefined();
    expect(preferredEncoding('deflate')).toBeUndefined();
    expect(preferredEncoding('br;q=0, gzip;q=0.0')).toBeUndefined();
  });
});

describe('answers compressed where it pays', () => {
  const large = JSON.stringify({
    data: { entries: Array.from({ length: 400 }, (_, i) => ({ nhsNumber: `999000${i}`, weeksWaited: i % 52 })) },
  });
  const small = JSON.stringify({ data: { patient: { nhsNumber: '9990000018' } } });
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      void responseWriter(req, 4_096)(res, req.url === '/large' ? large : small);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('a large answer arrives compressed and reads back unchanged', async () => {
    const response = await fetch(`${url}/large`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(Number(response.headers.get('content-length'))).toBeLessThan(large.length / 3);
    expect(await response.text()).toBe(large);
  });

  test('a small answer, or one for a client that accepts no compression, is sent as it is', async () => {
    const smallAnswer = await fetch(`${url}/small`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(smallAnswer.headers.get('content-encoding')).toBeNull();
    expect(await smallAnswer.text()).toBe(small);
    const plain = await fetch(`${url}/large`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(large);
  });
});
