import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';

/**
 * A stock @apollo/gateway on Apollo Server's standalone server with every default, for the comparison. The
 * one addition is what any deployment needs in front of our subgraphs: the client's Authorization header (a
 * credential signed with our gateway's key, minted by the benchmark) is passed through to every subgraph.
 */
interface PassedThrough {
  authorization?: string;
}

const supergraphFile = process.env.BENCH_SUPERGRAPH_FILE;
if (!supergraphFile) throw new Error('BENCH_SUPERGRAPH_FILE is not set.');

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphFile, 'utf8'),
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource<PassedThrough>({
      url,
      willSendRequest({ request, context }) {
        if (context.authorization) request.http?.headers.set('authorization', context.authorization);
      },
    }),
});
const { url } = await startStandaloneServer(new ApolloServer<PassedThrough>({ gateway }), {
  listen: { host: '127.0.0.1', port: Number(process.env.PORT ?? 0) },
  context: async ({ req }) => ({ ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) }),
});
console.log(JSON.stringify({ msg: 'stock @apollo/gateway listening', url }));
