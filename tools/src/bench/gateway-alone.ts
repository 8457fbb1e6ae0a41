import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { spawnService, stopService, waitUntilReady, type ServiceProcess } from '../stack/service-process.js';
import { writeBenchSupergraph } from './peers/peer-gateways.js';

export interface RecordedSubgraphs {
  /** Where each stand-in listens, by subgraph name (as the gateways are told the subgraphs are). */
  urls: Record<string, string>;
  /** A supergraph file with the stand-ins' URLs, for the peer gateways. */
  supergraphFile: string;
  service: ServiceProcess;
  stop: () => Promise<void>;
}

/**
 * Starts the stand-ins of `recorded-subgraphs.ts` in their own process, one per subgraph, in front of the real
 * subgraphs at `realUrls`: the "gateway alone" phase of `npm run bench` puts each gateway in front of them.
 */
export async function startRecordedSubgraphs(
  realUrls: Record<string, string>,
  committedSupergraph: string,
  freePort: () => Promise<number>,
  workDir: string,
): Promise<RecordedSubgraphs> {
  const standIns: Record<string, { port: number; url: string }> = {};
  for (const [name, url] of Object.entries(realUrls)) standIns[name] = { port: await freePort(), url };
  const urls = Object.fromEntries(Object.entries(standIns).map(([name, { port }]) => [name, `http://127.0.0.1:${port}/graphql`]));
  const first = Object.values(standIns)[0]!;
  const service = spawnService(
    'recorded-subgraphs',
    join(fileURLToPath(new URL('.', import.meta.url)), 'recorded-subgraphs.js'),
    first.port,
    { ...process.env, NODE_ENV: 'production', RECORDED_SUBGRAPHS: JSON.stringify(standIns) },
    workDir,
  );
  // Its readiness is the real subgraph's, asked through it.
  await waitUntilReady(service);
  const supergraphFile = join(workDir, 'supergraph.recorded.graphql');
  await writeBenchSupergraph(committedSupergraph, urls, supergraphFile);
  return { urls, supergraphFile, service, stop: () => stopService(service) };
}
