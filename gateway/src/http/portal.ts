import type { GatewayRoute } from './route.js';
import { pageRoutes } from './page-routes.js';
import type { StaticSite } from './static-site.js';

/** The portal page talks only to this gateway and loads nothing from anywhere else. */
export const portalContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The reference patient portal at /portal/ (its assets below it). */
export function portalRoutes(site: StaticSite): GatewayRoute[] {
  return pageRoutes(site, { page: '/portal/', alias: '/portal', assets: '/portal' });
}
