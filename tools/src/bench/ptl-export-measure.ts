import { treeUsage } from './process-usage.js';

/** Resident memory of one service during an export: before it, its highest, and at each quarter of the time. */
export interface RssTrace {
  beforeMiB: number;
  peakMiB: number;
  quartersMiB: number[];
}

export interface PtlExportRun {
  seconds: number;
  rows: number;
  bytes: number;
  rss: Record<string, RssTrace>;
  /** CPU seconds each process spent during the export: steadier than the time when the machine is shared. */
  cpuSeconds: Record<string, number>;
}

/**
 * Downloads the tracking list as CSV (`/reports/rtt/ptl.csv`) through the gateway as a client would, reading
 * it to the end without keeping it, and samples the resident memory of the named processes every 50 ms.
 */
export async function measurePtlExport(fileUrl: string, token: string, processes: Record<string, number>): Promise<PtlExportRun> {
  const names = Object.keys(processes);
  const cpuBefore = Object.fromEntries(names.map((name) => [name, treeUsage(processes[name]!).cpuSeconds]));
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const sample = () => {
    for (const name of names) samples[name]!.push(treeUsage(processes[name]!).rssMiB);
  };
  sample();
  const timer = setInterval(sample, 50);
  const started = performance.now();
  let rows = -1; // the header
  let bytes = 0;
  try {
    const response = await fetch(fileUrl, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}: ${await response.text()}`);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) rows += 1;
    }
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - started) / 1000;
  sample();
  const cpuSeconds = Object.fromEntries(names.map((name) => [name, treeUsage(processes[name]!).cpuSeconds - cpuBefore[name]!]));
  const rss = Object.fromEntries(
    names.map((name) => {
      const trace = samples[name]!;
      const quarters = [0.25, 0.5, 0.75, 1].map((q) => trace[Math.min(trace.length - 1, Math.round(q * (trace.length - 1)))]!);
      return [name, { beforeMiB: trace[0]!, peakMiB: Math.max(...trace), quartersMiB: quarters }];
    }),
  );
  return { seconds, rows, bytes, rss, cpuSeconds };
}
