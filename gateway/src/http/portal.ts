import type { GatewayRoute } from './route.js';
import { pageRoutes } from './page-routes.js';
import { sameOriginOnly, type StaticSite } from './static-site.js';

/** The portal page talks only to this gateway and loads nothing from anywhere else. */
export const portalContentSecurityPolicy = sameOriginOnly();

/** The reference patient portal at /portal/ (its assets below it). */
export function portalRoutes(site: StaticSite): GatewayRoute[] {
  return pageRoutes(site, { page: '/portal/', alias: '/portal', assets: '/portal' });
}
