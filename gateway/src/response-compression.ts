import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

// Quality 4 / level 5: most of the size gain for a fraction of the CPU of the maxima, so compression
// does not become what limits throughput. zlib runs on libuv's thread pool, off the event loop.
const brotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };
const gzipOptions = { level: 5 };

/**
 * Writes a GraphQL answer, compressed when the client accepts it and the answer is at least `minBytes`
 * (0: never). Portals reach us over wide-area links where a large patient list compressed is several round
 * trips shorter; a small answer is sent as it is.
 */
export function responseWriter(req: IncomingMessage, minBytes: number) {
  const encoding = preferredEncoding(String(req.headers['accept-encoding'] ?? ''));
  return async (res: ServerResponse, body: string): Promise<void> => {
    res.appendHeader('vary', 'accept-encoding');
    if (!encoding || minBytes === 0 || Buffer.byteLength(body) < minBytes) {
      res.end(body);
      return;
    }
    const compressed = encoding === 'br' ? await brotli(body, brotliOptions) : await gzipAsync(body, gzipOptions);
    res.setHeader('content-encoding', encoding);
    res.setHeader('content-length', compressed.length);
    res.end(compressed);
  };
}

/** The encoding to answer in from an Accept-Encoding header: brotli, else gzip, else none (`q=0` refuses). */
export function preferredEncoding(acceptEncoding: string): 'br' | 'gzip' | undefined {
  const accepted = new Set(
    acceptEncoding
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(';')[0]!.trim()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}
