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
      onFetch({ url, options, setOptions }) {
        setOptions({
          ...options,
          headers: { ...(options.headers as Record<string, string>), authorization: sign(url, String(options.body)) },
        });
      },
    },
  ],
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
});
