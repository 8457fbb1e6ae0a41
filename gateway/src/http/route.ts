import type http from 'node:http';

/** One HTTP endpoint of the gateway: GraphQL, health, and whatever else the gateway serves beside them. */
export interface GatewayRoute {
  /** Whether this route answers the request (path and method). */
  matches: (path: string, method: string) => boolean;
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
}

/** A route for exactly this path (any method unless `methods` says otherwise). */
export function routeAt(path: string, handle: GatewayRoute['handle'], methods?: readonly string[]): GatewayRoute {
  return { matches: (p, m) => p === path && (!methods || methods.includes(m)), handle };
}
