/** Nearest-rank percentile of ascending `sorted` (q in 0..1); NaN when there is nothing to rank. */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}
