import { join } from 'node:path';
import type { GatewayRoute } from './route.js';
import { StaticSite } from './static-site.js';
import { explorerContentSecurityPolicy, explorerRoutes } from './explorer.js';
import { portalContentSecurityPolicy, portalRoutes } from './portal.js';

/**
 * The pages the gateway serves to people, as web/ built them into `pagesDir`: the schema explorer (only when
 * switched on) and the reference patient portal. A page that was not built stops the gateway at start-up.
 */
export async function webPageRoutes(options: { explorer: boolean; pagesDir: string }): Promise<GatewayRoute[]> {
  const explorer = options.explorer ? await StaticSite.load(join(options.pagesDir, 'explorer'), explorerContentSecurityPolicy) : undefined;
  const portal = await StaticSite.load(join(options.pagesDir, 'portal'), portalContentSecurityPolicy);
  return [...explorerRoutes(explorer), ...portalRoutes(portal)];
}
