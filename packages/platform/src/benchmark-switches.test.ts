import { benchmarkSwitch } from './benchmark-switches.js';

describe('benchmark-only switches that turn a safeguard off', () => {
  test('are off unless set to 1', () => {
    expect(benchmarkSwitch('EPR_BENCHMARK_DISABLE_RULES', {})).toBe(false);
    expect(benchmarkSwitch('EPR_BENCHMARK_DISABLE_AUDIT', { EPR_BENCHMARK_DISABLE_AUDIT: '0' })).toBe(false);
  });

  test('turn the safeguard off in a benchmark run', () => {
    expect(benchmarkSwitch('EPR_BENCHMARK_DISABLE_AUDIT', { EPR_BENCHMARK_DISABLE_AUDIT: '1', NODE_ENV: 'benchmark' })).toBe(true);
  });

  test('stop a production service from starting, saying what to unset', () => {
    expect(() => benchmarkSwitch('EPR_BENCHMARK_DISABLE_RULES', { EPR_BENCHMARK_DISABLE_RULES: '1', NODE_ENV: 'production' })).toThrow(
      /EPR_BENCHMARK_DISABLE_RULES is a benchmark-only switch and is refused when NODE_ENV=production/,
    );
  });

  test('refuse a value that only looks like on or off', () => {
    expect(() => benchmarkSwitch('EPR_BENCHMARK_DISABLE_AUDIT', { EPR_BENCHMARK_DISABLE_AUDIT: 'true' })).toThrow(/must be 1 or unset/);
  });
});
