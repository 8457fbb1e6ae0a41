import { startGateway, type RunningGateway } from '@epr/gateway/gateway-server';
import type { GatewayConfig } from '@epr/gateway/config';
import { repoRoot } from '@epr/tools/db/repo-root';
import { DEV_AUDIENCE, DEV_ISSUER, devIssuerKeyFiles, gatewayKeyFiles } from '@epr/tools/dev-issuer/index';
import { join } from 'node:path';
import { stackState } from './stack-state.js';

/**
 * Another gateway, in this process, over the test stack's subgraphs and keys, with settings of the test's own
 * (other subgraph URLs, smaller limits, a shorter timeout…). The caller closes it.
 */
export function startExtraGateway(settings: Partial<GatewayConfig> = {}): Promise<RunningGateway> {
  const { keyDir, subgraphUrls } = stackState();
  return startGateway({
    host: '127.0.0.1',
    port: 0,
    supergraphFile: join(repoRoot(), 'schema', 'supergraph.graphql'),
    session: {
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwks: { file: devIssuerKeyFiles(keyDir).jwks },
      maxSessionAgeSeconds: 12 * 3600,
    },
    privateKey: { file: gatewayKeyFiles(keyDir).privateKey },
    subgraphUrls,
    ...settings,
  });
}
