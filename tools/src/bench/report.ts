import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Measurement } from './measure.js';
import { subgraphNames } from '@epr/platform';

export interface Skipped {
  operation: string;
  reason: string;
}

export interface Ratio {
  name: string;
  value: number;
  detail: string;
}

export interface BenchReport {
  startedAt: string;
  command: string;
  conditions: string[];
  skipped: Skipped[];
  measurements: Measurement[];
  ratios: Ratio[];
}

const ms = (value: number) => value.toFixed(1);
const optional = (value: number | undefined, digits: number) => (value === undefined ? '–' : value.toFixed(digits));

/** The results as Markdown: one table of every run, the ratios, what was skipped and under what conditions. */
export function renderReport(report: BenchReport): string {
  const lines = [
    `Command: \`${report.command}\` — ${report.startedAt}`,
    '',
    '| phase | operation | via | conns | offered | rounds | req/s | mean ms | p50 ms | p95 ms | p99 ms | errors | SQL/op | gw CPU ms/req | subgraphs CPU ms/req | rest CPU ms/req | gw RSS MiB |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.measurements.map(
      (m) =>
        `| ${m.phase} | ${m.operation} | ${m.target} | ${m.connections} | ${m.offeredRate ?? 'max'} | ${m.rounds} | ${m.requestsPerSecond.toFixed(0)} | ${ms(m.meanMs)} | ${ms(m.p50Ms)} | ${ms(m.p95Ms)} | ${ms(m.p99Ms)} | ${m.errors} | ${m.sqlPerOperation.toFixed(1)} | ${optional(m.cpuMsPerRequest.gateway, 2)} | ${m.cpuMsPerRequest.subgraphs.toFixed(2)} | ${m.cpuMsPerRequest.everythingElse.toFixed(2)} | ${optional(m.gatewayRssMiB, 0)} |`,
    ),
    '',
    'CPU ms per request, by process (the gateway; each subgraph; PostgreSQL when embedded, its backends included; the load generator, this process; other: the rest of the machine, other users included):',
    '',
    ...cpuTable(report.measurements),
    '',
    'Ratios:',
    '',
    ...report.ratios.map((r) => `- **${r.name}: ${r.value.toFixed(2)}** — ${r.detail}`),
    '',
    ...(report.skipped.length > 0
      ? ['Not run:', '', ...report.skipped.map((s) => `- ${s.operation}: not available: ${s.reason}`), '']
      : []),
    'Conditions:',
    '',
    ...report.conditions.map((c) => `- ${c}`),
  ];
  return `${lines.join('\n')}\n`;
}

const processColumns = [...subgraphNames, 'postgres', 'recorded subgraphs', 'load generator', 'other'];

function cpuTable(measurements: Measurement[]): string[] {
  const rows = measurements.filter((m) => m.cpuMsPerRequest.byProcess);
  if (rows.length === 0) return [];
  return [
    `| phase | via | gateway | ${processColumns.join(' | ')} | system (gw + subgraphs + postgres) | all |`,
    `|---|---|${'---:|'.repeat(processColumns.length + 3)}`,
    ...rows.map((m) => {
      const cpu = m.cpuMsPerRequest;
      const by = cpu.byProcess!;
      return `| ${m.phase} | ${m.target} | ${optional(cpu.gateway, 2)} | ${processColumns.map((c) => optional(by[c], 2)).join(' | ')} | ${systemCpuMs(m).toFixed(2)} | ${optional(cpu.machine, 2)} |`;
    }),
  ];
}

/** CPU per request of the system itself: gateway, subgraphs and (when embedded) PostgreSQL, without the load generator. */
export function systemCpuMs(m: Measurement): number {
  return (m.cpuMsPerRequest.gateway ?? 0) + m.cpuMsPerRequest.subgraphs + (m.cpuMsPerRequest.byProcess?.['postgres'] ?? 0);
}

/** Writes `<dir>/bench-<time>.json` (every figure, for comparing runs) and the same as `.md`. */
export async function writeReport(report: BenchReport, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const base = join(dir, `bench-${report.startedAt.replace(/[:.]/g, '-')}`);
  await writeFile(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(`${base}.md`, renderReport(report));
  return base;
}
