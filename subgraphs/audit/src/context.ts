import type { Services } from './services/index.js';

/**
 * What the audit subgraph's resolvers see: the request's services and nothing lower. (The runtime context also
 * carries the platform's caller, policy and audit trail for the shield rules; resolvers do not use them.)
 */
export type Context = Services;
