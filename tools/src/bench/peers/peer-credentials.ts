import type { Caller } from '@epr/identity';
import { perCallCredentials } from '../callers.js';

/**
 * What any gateway in front of our subgraphs must do, and so what the peer gateways in the benchmark do: sign each
 * subgraph call with our gateway's key, for that subgraph and that exact body, as our gateway does. The benchmark
 * hands the peer the caller to vouch for (as our gateway would after sign-in) and where each subgraph is.
 */
export interface PeerCredentials {
  keyDir: string;
  caller: Omit<Caller, 'requestId'>;
  subgraphUrls: Record<string, string>;
}

export function peerCredentialsEnv(credentials: PeerCredentials): Record<string, string> {
  return { BENCH_CREDENTIALS: JSON.stringify(credentials) };
}

/** In the peer's process: the `authorization` value for a call to `url` with `body`. */
export async function peerSigner(env: NodeJS.ProcessEnv = process.env): Promise<(url: string, body: string) => string> {
  if (!env['BENCH_CREDENTIALS']) throw new Error('BENCH_CREDENTIALS is not set.');
  const { keyDir, caller, subgraphUrls } = JSON.parse(env['BENCH_CREDENTIALS']) as PeerCredentials;
  const names = new Map(Object.entries(subgraphUrls).map(([name, url]) => [url, name]));
  const signedFor = await perCallCredentials(keyDir, caller);
  return (url, body) => {
    const name = names.get(url);
    if (!name) throw new Error(`No subgraph is known at ${url}.`);
    return signedFor(name, body);
  };
}
