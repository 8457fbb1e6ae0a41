import pg from 'pg';
import { sampleEvent } from '../audit/sample-event.js';

export interface AppendResult {
  appends: number;
  appendsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

/**
 * `writers` concurrent writers, as four subgraphs are, each appending `perWriter` batches of `batchSize`
 * events one after another as the subgraphs' writer does (writer role, append function, one round trip each).
 * They all queue on the one chain head, so this is the chain's ceiling on this machine.
 */
export async function measureAppends(
  databaseUrl: string,
  key: Buffer,
  writers: number,
  perWriter: number,
  batchSize: number,
): Promise<AppendResult> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const writer = new pg.Client({
        connectionString: databaseUrl,
        options: '-c role=epr_audit_writer',
        application_name: `epr-bench-writer-${w}`,
      });
      await writer.connect();
      try {
        for (let i = 0; i < perWriter; i++) {
          const batch = JSON.stringify(
            Array.from({ length: batchSize }, (_unused, n) => sampleEvent(`bench-append-${w}-${i}`, { items: [`Problem:${n}`] })),
          );
          const t = performance.now();
          await writer.query('SELECT audit.append_access_events($1::jsonb, $2::bytea)', [batch, key]);
          latencies.push(performance.now() - t);
        }
      } finally {
        await writer.end();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { appends: latencies.length, appendsPerSecond: latencies.length / seconds, p50Ms: at(0.5), p95Ms: at(0.95) };
}
