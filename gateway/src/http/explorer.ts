import { sendJson, errorBody, ErrorCode } from '@epr/platform';
import { GraphQLError, type ValidationRule } from 'graphql';
import type { GatewayRoute } from './route.js';
import { pageRoutes, redirect } from './page-routes.js';
import { sameOriginOnly, type StaticSite } from './static-site.js';

/**
 * The explorer switch (`GATEWAY_EXPLORER`): `1` on, `0` off; unset, on except under `NODE_ENV=production`.
 * It opens both the explorer page and schema introspection, which only a signed-in session reaches anyway.
 */
export function readExplorerSwitch(env: NodeJS.ProcessEnv): boolean {
  const value = env['GATEWAY_EXPLORER'];
  if (value === undefined || value === '') return env['NODE_ENV'] !== 'production';
  if (value === '1' || value === '0') return value === '1';
  throw new Error(`GATEWAY_EXPLORER must be 1 (explorer and introspection on) or 0 (off); it is "${value}".`);
}

/**
 * What the explorer page may load and reach: only this gateway. Monaco (the editor) styles its elements inline
 * and runs its language services in workers of its own; nothing comes from anywhere else.
 */
export const explorerContentSecurityPolicy = sameOriginOnly(
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
);

/** GraphiQL at /explorer (assets below it), and / leading there; when switched off, a 404 that says so. */
export function explorerRoutes(site: StaticSite | undefined): GatewayRoute[] {
  if (!site) {
    return [
      {
        matches: (path) => path === '/explorer' || path.startsWith('/explorer/'),
        handle: async (_req, res) =>
          sendJson(
            res,
            404,
            errorBody(
              'The schema explorer is switched off on this gateway. The API schema is published as schema/api.graphql; see docs/partners.md.',
              ErrorCode.NotFound,
            ),
          ),
      },
    ];
  }
  return [
    ...pageRoutes(site, { page: '/explorer', alias: '/explorer/', assets: '/explorer' }),
    {
      matches: (path, method) => path === '/' && (method === 'GET' || method === 'HEAD'),
      handle: async (req, res) => redirect(req, res, '/explorer'),
    },
  ];
}

/** With the explorer off, introspection is refused with a message that says where the schema is published. */
export const introspectionSwitchedOff: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError(
          'Schema introspection is switched off on this gateway. The API schema is published as schema/api.graphql (see docs/partners.md).',
          { nodes: [node] },
        ),
      );
    }
  },
});
