import { defineConfig } from '@graphql-hive/gateway';

/**
 * Hive Gateway with its defaults, plus what any deployment needs in front of our subgraphs: the client's
 * Authorization header (a credential signed with our gateway's key, minted by the benchmark) goes to every
 * subgraph. Subgraph request de-duplication is turned off so no request is answered by another's call.
 */
export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const authorization = request.headers.get('authorization');
      return authorization ? { authorization } : {};
    },
  },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
});
