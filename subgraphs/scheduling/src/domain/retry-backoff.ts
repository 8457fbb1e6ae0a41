export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/**
 * How long to wait before delivery attempt `attempts + 1`: doubling from `baseMs` up to `maxMs`, with ±20 %
 * jitter so that many queued events (or many scheduling processes) do not all retry in the same instant.
 * Retrying never gives up: a receiver that is down for a day still gets every event when it returns.
 */
export function retryDelayMs(attempts: number, backoff: Backoff, random: () => number = Math.random): number {
  const doubling = backoff.baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30);
  const jittered = Math.min(doubling, backoff.maxMs) * (0.8 + 0.4 * random());
  return Math.round(Math.min(jittered, backoff.maxMs));
}
