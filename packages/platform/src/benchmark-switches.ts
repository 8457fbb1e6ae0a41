import { createLogger } from './logger.js';

const switchedOff = {
  EPR_BENCHMARK_DISABLE_RULES: 'field rules (graphql-shield) are OFF: every field is open to any caller with a credential',
  EPR_BENCHMARK_DISABLE_AUDIT: 'the security log is OFF: reads of patient data are not recorded',
} as const;

export type BenchmarkSwitch = keyof typeof switchedOff;

/**
 * A switch that turns a safeguard off so the benchmark can measure what it costs. Honoured only when set to
 * `1` outside production; with NODE_ENV=production the service refuses to start, so a switch copied into a
 * live deployment cannot go unnoticed. When honoured it is logged at error level, once, at start-up.
 */
export function benchmarkSwitch(name: BenchmarkSwitch, env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[name];
  if (value === undefined || value === '' || value === '0') return false;
  if (value !== '1') throw new Error(`${name} must be 1 or unset; it is "${value}".`);
  if (env['NODE_ENV'] === 'production') {
    throw new Error(`${name} is a benchmark-only switch and is refused when NODE_ENV=production. Unset it.`);
  }
  createLogger('benchmark').error({ switch: name }, `BENCHMARK ONLY: ${switchedOff[name]}. Never run like this with real patients.`);
  return true;
}
