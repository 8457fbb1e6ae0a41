import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { peerSigner } from './peer-credentials.js';

/**
 * A stock @apollo/gateway on Apollo Server's standalone server with every default, for the comparison. The one
 * addition is what any deployment needs in front of our subgraphs: each subgraph call carries a credential signed
 * for it (peer-credentials.ts), added by wrapping Apollo's own default fetcher, which sees the exact body sent.
 */
const supergraphFile = process.env['BENCH_SUPERGRAPH_FILE'];
if (!supergraphFile) throw new Error('BENCH_SUPERGRAPH_FILE is not set.');
const sign = await peerSigner();

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphFile, 'utf8'),
  buildService: ({ url }) => {
    const source = new RemoteGraphQLDataSource(url ? { url } : {});
    const stockFetcher = source.fetcher;
    source.fetcher = (target, init) =>
      stockFetcher(target, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), authorization: sign(target, String(init?.body)) },
      });
    return source;
  },
});
const { url } = await startStandaloneServer(new ApolloServer({ gateway }), {
  listen: { host: '127.0.0.1', port: Number(process.env['PORT'] ?? 0) },
});
console.log(JSON.stringify({ msg: 'stock @apollo/gateway listening', url }));
