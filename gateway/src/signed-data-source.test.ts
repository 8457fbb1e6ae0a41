import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { CredentialBinding } from '@epr/identity';
import type { GatewayContext } from './context.js';
import { SignedDataSource } from './signed-data-source.js';

// The credential binds the body SignedDataSource predicts Apollo will send. If an @apollo/gateway upgrade changes
// how RemoteGraphQLDataSource serialises a request, this fails here instead of as every subgraph call refused.
describe('SignedDataSource', () => {
  test('binds each credential to the subgraph called and to the exact body Apollo sends', async () => {
    const sent: { url: string; body: string; authorization: string | undefined; requestId: string | undefined }[] = [];
    const bindings: CredentialBinding[] = [];
    const source = new SignedDataSource('care-pathway', {
      url: 'http://care-pathway.test/graphql',
      fetcher: async (url: string, init?: { body?: unknown; headers?: unknown }) => {
        const headers = init?.headers as Record<string, string>;
        sent.push({ url, body: String(init?.body), authorization: headers['authorization'], requestId: headers['x-request-id'] });
        return new Response(JSON.stringify({ data: { ok: true } }), { headers: { 'content-type': 'application/json' } });
      },
    });
    const context = {
      caller: { kind: 'user', userId: 'u', roleProfileId: 'r', jobRoleCode: 'R8000', organisationOds: 'RX1', requestId: 'req-1' },
      requestId: 'req-1',
      credentialFor: (binding: CredentialBinding) => {
        bindings.push(binding);
        return `credential-${bindings.length}`;
      },
    };

    await source.process({
      // GraphQLDataSourceRequestKind.HEALTH_CHECK; the enum is not exported.
      kind: 'health check',
      request: {
        operationName: 'Q',
        variables: { id: 'p-1', representations: [{ __typename: 'Pathway', id: 'x' }] },
        query: 'query Q($id: ID!) { a(id: $id) }',
      },
      context,
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);

    expect(bindings).toEqual([{ audience: 'care-pathway', body: sent[0]!.body }]);
    expect(sent).toEqual([
      {
        url: 'http://care-pathway.test/graphql',
        body: expect.stringContaining('"query":'),
        authorization: 'Bearer credential-1',
        requestId: 'req-1',
      },
    ]);
  });
});
