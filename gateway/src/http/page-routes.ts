import type http from 'node:http';
import type { GatewayRoute } from './route.js';
import { siteFileName, type StaticSite } from './static-site.js';

const readOnly = (method: string) => method === 'GET' || method === 'HEAD';

/**
 * A built page at `page`, its assets as `<assets>/<file>`, and `alias` (the same path with or without the
 * trailing slash) redirecting to it, so relative asset URLs always resolve the same way. A redirect keeps the
 * URL fragment (browsers carry it over), so `#token=` survives it.
 */
export function pageRoutes(site: StaticSite, at: { page: string; alias: string; assets: string }): GatewayRoute[] {
  return [
    { matches: (path, method) => path === at.page && readOnly(method), handle: (req, res) => site.send(req, res, 'index.html') },
    { matches: (path, method) => path === at.alias && readOnly(method), handle: async (req, res) => redirect(req, res, at.page) },
    {
      matches: (path, method) => {
        const name = siteFileName(path, at.assets);
        return readOnly(method) && name !== undefined && name !== 'index.html' && site.has(name);
      },
      handle: (req, res) => site.send(req, res, siteFileName(new URL(req.url ?? '/', 'http://localhost').pathname, at.assets)!),
    },
  ];
}

export function redirect(req: http.IncomingMessage, res: http.ServerResponse, to: string): void {
  const query = new URL(req.url ?? '/', 'http://localhost').search;
  res.writeHead(308, { location: `${to}${query}`, 'content-length': 0 }).end();
}
