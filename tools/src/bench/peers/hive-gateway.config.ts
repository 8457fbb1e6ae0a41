import { defineConfig } from '@graphql-hive/gateway';
import { peerSigner } from './peer-credentials.js';

/**
 * Hive Gateway with its defaults, plus what any deployment needs in front of our subgraphs: each subgraph call
 * carries a credential signed for it (peer-credentials.ts), added in the fetch hook, which sees the exact body
 * sent. Subgraph request de-duplication is turned off so no request is answered by another's call.
 */
const sign = await peerSigner();

export const gatewayConfig = defineConfig({
  plugins: () => [
    {
      onFetch(fetch) {
        const { url, options } = fetch;
        if (typeof options.body !== 'string') throw new Error(`Hive Gateway sent ${url} a body that is not text; it cannot be signed.`);
        fetch.setOptions({
          ...options,
          headers: { ...(options.headers as Record<string, string>), authorization: sign(url, options.body) },
        });
      },
    },
  ],
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
});
