import type http from 'node:http';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { preferredEncoding } from '../response-compression.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};

interface SiteFile {
  body: Buffer;
  type: string;
  etag: string;
  /** Compressed once, on first request, then kept: the files never change while the gateway runs. */
  encoded: Map<'br' | 'gzip', Promise<Buffer>>;
}

/**
 * A page the build produced (web/dist/<name>): its index.html and assets, read once at start-up so what is
 * served is exactly what was built, and no request can name a file outside it.
 */
export class StaticSite {
  private constructor(
    private readonly files: ReadonlyMap<string, SiteFile>,
    private readonly contentSecurityPolicy: string,
  ) {}

  /** Fails when the page was not built, so a gateway never starts with a switch on and nothing behind it. */
  static async load(dir: string, contentSecurityPolicy: string): Promise<StaticSite> {
    const names = await readdir(dir).catch(() => [] as string[]);
    if (!names.includes('index.html'))
      throw new Error(`${dir}/index.html is missing: run \`npm run build\` (it bundles the gateway's pages).`);
    const files = new Map<string, SiteFile>();
    for (const name of names) {
      const type = contentTypes[extname(name)];
      if (!type) continue;
      const body = await readFile(join(dir, name));
      files.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, encoded: new Map() });
    }
    return new StaticSite(files, contentSecurityPolicy);
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  /** Sends one file of the site (GET or HEAD), revalidated by ETag and compressed when the client accepts it. */
  async send(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    const file = this.files.get(name);
    if (!file) throw new Error(`no file ${name} in this site`);
    res.setHeader('content-type', file.type);
    res.setHeader('etag', file.etag);
    // Names carry no hash, so browsers ask again each time; an unchanged file costs a 304.
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('content-security-policy', this.contentSecurityPolicy);
    res.appendHeader('vary', 'accept-encoding');
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304).end();
      return;
    }
    const encoding = preferredEncoding(String(req.headers['accept-encoding'] ?? ''));
    const body = encoding ? await this.encoded(file, encoding) : file.body;
    if (encoding) res.setHeader('content-encoding', encoding);
    res.writeHead(200, { 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private encoded(file: SiteFile, encoding: 'br' | 'gzip'): Promise<Buffer> {
    let body = file.encoded.get(encoding);
    if (!body) {
      body = encoding === 'br' ? brotli(file.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } }) : gzipAsync(file.body);
      file.encoded.set(encoding, body);
    }
    return body;
  }
}

/**
 * A page's Content-Security-Policy: it may load and reach nothing but the gateway that serves it; `extra`
 * adds what one page needs beyond that (a directive given here replaces the default one of that name).
 */
export function sameOriginOnly(...extra: string[]): string {
  const directives = new Map(
    [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      ...extra,
    ].map((directive) => [directive.split(' ')[0], directive]),
  );
  return [...directives.values()].join('; ');
}

/** The file a path names below `prefix` (`<prefix>/<file>`), if it is a plain file name. */
export function siteFileName(path: string, prefix: string): string | undefined {
  if (!path.startsWith(`${prefix}/`)) return undefined;
  const name = path.slice(prefix.length + 1);
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) ? name : undefined;
}
