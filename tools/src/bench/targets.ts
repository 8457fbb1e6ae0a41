import type { Measurement } from './measure.js';
import { systemCpuMs, type Ratio } from './report.js';

export interface Comparisons {
  /** Ours (main settings) first, then the other gateways on the same workload. */
  gateways: Measurement[];
  /** Ours, then stock @apollo/gateway, each in front of stand-ins replaying the subgraphs' recorded answers. */
  alone: Measurement[];
  /** Direct to the subgraph first, then through our gateway. */
  hop: Measurement[];
  /** Rules + audit on first, then each thing switched off. */
  switches: Measurement[];
  latency: Measurement | undefined;
  targetRate: number;
}

const verdict = (met: boolean) => (met ? 'met' : 'missed');

/** The three ratios of the issue, and each target with whether this run met it. */
export function targetVerdicts(c: Comparisons): Ratio[] {
  const ratios: Ratio[] = [];
  const [ours, ...others] = c.gateways;
  for (const other of ours ? others : []) {
    const ratio = ours!.requestsPerSecond / other.requestsPerSecond;
    const isStock = other.target === 'stock @apollo/gateway';
    ratios.push({
      name: `${ours!.target} vs ${other.target}, patient summary (req/s)`,
      value: ratio,
      detail:
        `${rate(ours!)} vs ${rate(other)}; p95 ${ours!.p95Ms.toFixed(1)} vs ${other.p95Ms.toFixed(1)} ms; ${gatewayCpu(ours!, other)}` +
        (isStock ? ` (target ≥ 1.5: ${verdict(ratio >= 1.5)})` : ''),
    });
  }
  const [oursAlone, stockAlone] = c.alone;
  if (oursAlone && stockAlone) {
    const ratio = oursAlone.requestsPerSecond / stockAlone.requestsPerSecond;
    ratios.push({
      name: `gateway alone (subgraphs answered from a recording): ${oursAlone.target} vs ${stockAlone.target}, patient summary (req/s)`,
      value: ratio,
      detail:
        `${rate(oursAlone)} vs ${rate(stockAlone)}; p95 ${oursAlone.p95Ms.toFixed(1)} vs ${stockAlone.p95Ms.toFixed(1)} ms; ${gatewayCpu(oursAlone, stockAlone)}` +
        ` (target ≥ 1.5: ${verdict(ratio >= 1.5)})`,
    });
  }
  if (ours?.cpuMsPerRequest.byProcess) {
    const system = systemCpuMs(ours);
    const loadGenerator = ours.cpuMsPerRequest.byProcess['load generator'] ?? 0;
    const postgresMeasured = ours.cpuMsPerRequest.byProcess['postgres'] !== undefined;
    ratios.push({
      name: `CPU per patient summary, ${ours.target}: gateway + subgraphs + PostgreSQL (ms)`,
      value: system,
      detail:
        `gateway ${(ours.cpuMsPerRequest.gateway ?? 0).toFixed(2)}, subgraphs ${ours.cpuMsPerRequest.subgraphs.toFixed(2)}, PostgreSQL ${postgresMeasured ? ours.cpuMsPerRequest.byProcess['postgres']!.toFixed(2) : 'not measured (external)'}; ` +
        `with the load generator (${loadGenerator.toFixed(2)}) ${(system + loadGenerator).toFixed(2)} ms (target ≤ 8 ms: ${verdict(system <= 8)})`,
    });
  }
  const [direct, through] = c.hop;
  if (direct && through) {
    const cost = through.meanMs - direct.meanMs;
    ratios.push({
      name: 'hop: through our gateway vs straight to the subgraph (mean latency, 1 connection)',
      value: through.meanMs / direct.meanMs,
      detail: `${through.meanMs.toFixed(2)} vs ${direct.meanMs.toFixed(2)} ms: the hop costs ${cost.toFixed(2)} ms (target ≤ 1.5 ms: ${verdict(cost <= 1.5)})`,
    });
  }
  const [on, ...off] = c.switches;
  for (const one of on ? off : []) {
    ratios.push({
      name: `${one.target.split(', ').at(-1)} vs rules + audit on, patient summary (req/s)`,
      value: one.requestsPerSecond / on!.requestsPerSecond,
      detail: `${rate(one)} vs ${rate(on!)}; p95 ${one.p95Ms.toFixed(1)} vs ${on!.p95Ms.toFixed(1)} ms; subgraphs CPU ${one.cpuMsPerRequest.subgraphs.toFixed(2)} vs ${on!.cpuMsPerRequest.subgraphs.toFixed(2)} ms per request`,
    });
  }
  if (c.latency) {
    const l = c.latency;
    const met = l.requestsPerSecond >= 0.98 * c.targetRate && l.p95Ms <= 50 && l.errors === 0;
    ratios.push({
      name: `patient summary at ${c.targetRate} req/s offered, rules and audit on: p95 (ms)`,
      value: l.p95Ms,
      detail: `served ${rate(l)}, p50 ${l.p50Ms.toFixed(1)} ms, p99 ${l.p99Ms.toFixed(1)} ms, ${l.errors} errors (target ≥ 300 req/s with p95 ≤ 50 ms: ${verdict(met)})`,
    });
  }
  return ratios;
}

function rate(m: Measurement): string {
  return `${m.requestsPerSecond.toFixed(0)} req/s`;
}

function gatewayCpu(ours: Measurement, other: Measurement): string {
  const a = ours.cpuMsPerRequest.gateway;
  const b = other.cpuMsPerRequest.gateway;
  if (a === undefined || b === undefined) return '';
  return `gateway CPU ${a.toFixed(2)} vs ${b.toFixed(2)} ms per request (${(b / a).toFixed(2)}× less)`;
}
