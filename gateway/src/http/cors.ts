import type http from 'node:http';

/**
 * `GATEWAY_CORS_ORIGINS`: the origins (scheme://host[:port]) of browser portals allowed to call the gateway,
 * comma-separated. Each is checked at start-up, so a typo is an error rather than a portal that silently fails.
 */
export function readCorsOrigins(env: NodeJS.ProcessEnv): string[] {
  const listed = (env['GATEWAY_CORS_ORIGINS'] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  return listed.map((origin) => {
    if (origin === '*') {
      throw new Error('GATEWAY_CORS_ORIGINS lists origins one by one; "*" (any web site) is not accepted.');
    }
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    const bare = parsed && parsed.pathname === '/' && !parsed.search && !parsed.hash && !parsed.username && !parsed.password;
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !bare) {
      throw new Error(
        `GATEWAY_CORS_ORIGINS: "${origin}" is not an origin; give scheme://host[:port] with no path, for example https://portal.example.nhs.uk.`,
      );
    }
    return parsed.origin;
  });
}

const allowedMethods = 'GET, POST, OPTIONS';
// What portals send: the session token, JSON, and their own request id for tracing.
const allowedHeaders = 'authorization, content-type, accept, x-request-id, idempotency-key';
// What portals may read of an answer: the request id to quote, why a token was refused, when to retry.
const exposedHeaders = 'x-request-id, www-authenticate, retry-after';
const preflightMaxAgeSeconds = 600;

export interface CorsPolicy {
  /**
   * Answers a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method): 204, with the allow
   * headers for a listed origin and none for any other. It runs before sign-in, since browsers send no token
   * on a preflight. Returns whether the request was a preflight (and so has been answered).
   */
  answerPreflight(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  /** On any other request from a listed origin, lets the browser hand the answer to the page. */
  allowResponse(req: http.IncomingMessage, res: http.ServerResponse): void;
}

/**
 * CORS for the gateway. Written here rather than with the `cors` middleware: the rules are few and fixed
 * (echo a listed origin, never `*`, no credentials since the token is a header, not a cookie), and the
 * middleware hands a preflight from an unlisted origin on to the next handler, which here would be sign-in.
 */
export function corsPolicy(origins: readonly string[]): CorsPolicy {
  const listed = new Set(origins);
  const originOf = (req: http.IncomingMessage) => (typeof req.headers.origin === 'string' ? req.headers.origin : undefined);
  return {
    answerPreflight(req, res) {
      const origin = originOf(req);
      if (req.method !== 'OPTIONS' || !origin || !req.headers['access-control-request-method']) return false;
      res.setHeader('vary', 'origin, access-control-request-method, access-control-request-headers');
      if (listed.has(origin)) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('access-control-allow-methods', allowedMethods);
        res.setHeader('access-control-allow-headers', allowedHeaders);
        res.setHeader('access-control-max-age', String(preflightMaxAgeSeconds));
      }
      res.writeHead(204).end();
      return true;
    },
    allowResponse(req, res) {
      const origin = originOf(req);
      if (!origin) return;
      res.appendHeader('vary', 'origin');
      if (!listed.has(origin)) return;
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', exposedHeaders);
    },
  };
}
